// Copyright ©2021 The go-pdf Authors. All rights reserved.
// Use of this source code is governed by a MIT-style
// license that can be found in the LICENSE file.

package fpdf

import (
	"bytes"
	"fmt"
	"runtime"
	"sync"

	"github.com/klauspost/compress/zlib"
)

var xmem = xmempool{
	Pool: sync.Pool{
		New: func() interface{} {
			var m membuffer
			return &m
		},
	},
}

type xmempool struct{ sync.Pool }

// Compressors and output buffers are kept in free lists that, unlike a
// sync.Pool, survive garbage collections: a zlib writer at BestSpeed holds
// some 500 KB of tables, and a busy process collects garbage every few
// documents. A free list holds one item per processor (2 to 16); more go to
// the pools, and so do buffers larger than maxFreeBuffer.
var (
	zwFree  = make(chan *zlib.Writer, freeListSize())
	memFree = make(chan *membuffer, freeListSize())
)

const maxFreeBuffer = 256 << 10

func freeListSize() int {
	n := runtime.GOMAXPROCS(0)
	if n < 2 {
		return 2
	}
	if n > 16 {
		return 16
	}
	return n
}

var zwPool = sync.Pool{New: func() interface{} {
	zw, err := zlib.NewWriterLevel(nil, zlib.BestSpeed)
	if err != nil {
		panic(err)
	}
	return zw
}}

func getZlibWriter() *zlib.Writer {
	select {
	case zw := <-zwFree:
		return zw
	default:
		return zwPool.Get().(*zlib.Writer)
	}
}

func putZlibWriter(zw *zlib.Writer) {
	zw.Reset(nil)
	select {
	case zwFree <- zw:
	default:
		zwPool.Put(zw)
	}
}

func (pool *xmempool) get() *membuffer {
	select {
	case mem := <-memFree:
		return mem
	default:
		return pool.Get().(*membuffer)
	}
}

func (pool *xmempool) compress(data []byte) *membuffer {
	mem := pool.get()
	buf := &mem.buf
	buf.Grow(len(data))

	zw := getZlibWriter()
	zw.Reset(buf)
	defer putZlibWriter(zw)
	_, err := zw.Write(data)
	if err != nil {
		panic(fmt.Errorf("could not zlib-compress slice: %w", err))
	}

	err = zw.Close()
	if err != nil {
		panic(fmt.Errorf("could not close zlib writer: %w", err))
	}
	return mem
}

func (pool *xmempool) uncompress(data []byte) (*membuffer, error) {
	zr, err := zlib.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}

	mem := pool.get()
	mem.buf.Reset()

	_, err = mem.buf.ReadFrom(zr)
	if err != nil {
		mem.release()
		return nil, err
	}

	return mem, nil
}

type membuffer struct {
	buf bytes.Buffer
}

func (mem *membuffer) bytes() []byte { return mem.buf.Bytes() }
func (mem *membuffer) release() {
	mem.buf.Reset()
	if mem.buf.Cap() > maxFreeBuffer {
		xmem.Put(mem)
		return
	}
	select {
	case memFree <- mem:
	default:
		xmem.Put(mem)
	}
}

func (mem *membuffer) copy() []byte {
	src := mem.bytes()
	dst := make([]byte, len(src))
	copy(dst, src)
	return dst
}
