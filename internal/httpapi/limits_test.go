package httpapi

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/labstack/echo/v4"
)

// TestSaturation fills every drafting slot: a further agreement is refused
// at once with 429 and Retry-After, other routes still answer, and a freed
// slot drafts again.
func TestSaturation(t *testing.T) {
	a := newAPI(t, Options{MaxDrafting: 2, RetryAfter: 1500 * time.Millisecond})
	opwijk := example(t, "23060-opwijk")
	a.s.sem <- struct{}{}
	a.s.sem <- struct{}{}
	rec := a.do(t, tomlReq(opwijk, "Accept-Language", "en"))
	eb := errorBody(t, rec, http.StatusTooManyRequests, CodeBusy)
	if rec.Header().Get("Retry-After") != "2" {
		t.Errorf("Retry-After %q", rec.Header().Get("Retry-After"))
	}
	if eb.Message != "the server is drafting as many agreements at once as it may; try again in 2 s" {
		t.Errorf("message %q", eb.Message)
	}
	if rec := a.do(t, req{method: http.MethodGet, path: "/v1/releases"}); rec.Code != http.StatusOK {
		t.Errorf("GET /v1/releases while saturated: %d", rec.Code)
	}
	<-a.s.sem
	if rec := a.do(t, tomlReq(opwijk)); rec.Code != http.StatusOK {
		t.Errorf("after a slot freed: %d %s", rec.Code, rec.Body)
	}
	if len(a.s.sem) != 1 {
		t.Errorf("%d slots taken after the request, want 1", len(a.s.sem))
	}
}

// TestConcurrentDrafting drafts many agreements at once through the
// handler: every answer is the agreement or a 429, and no slot leaks.
func TestConcurrentDrafting(t *testing.T) {
	a := newAPI(t, Options{MaxDrafting: 2})
	opwijk := example(t, "23060-opwijk")
	codes := make(chan int, 12)
	for range cap(codes) {
		go func() {
			codes <- a.do(t, tomlReq(opwijk, "Accept", "text/plain")).Code
		}()
	}
	ok := 0
	for range cap(codes) {
		switch c := <-codes; c {
		case http.StatusOK:
			ok++
		case http.StatusTooManyRequests:
		default:
			t.Errorf("status %d", c)
		}
	}
	if ok == 0 || len(a.s.sem) != 0 {
		t.Errorf("%d drafted, %d slots still taken", ok, len(a.s.sem))
	}
}

// TestDeadline gives requests no time: the pipeline stops before its first
// stage and answers 503.
func TestDeadline(t *testing.T) {
	a := newAPI(t, Options{Deadline: time.Nanosecond})
	rec := a.do(t, tomlReq(example(t, "23060-opwijk"), "Accept-Language", "en"))
	eb := errorBody(t, rec, http.StatusServiceUnavailable, CodeDeadline)
	if eb.Message != "the request took longer than allowed (1ns)" || rec.Header().Get("Retry-After") != "1" {
		t.Errorf("%q, Retry-After %q", eb.Message, rec.Header().Get("Retry-After"))
	}
	if len(a.s.sem) != 0 {
		t.Error("slot leaked")
	}
}

// TestRequestIDAndAccessLog checks the request id: reused when plausible,
// replaced when not, echoed in the header and the error body, and in the
// access log line with the route, status and error code.
func TestRequestIDAndAccessLog(t *testing.T) {
	a := newAPI(t, Options{})
	rec := a.do(t, req{method: http.MethodGet, path: "/v1/clauses/bestaat_niet", header: map[string]string{HeaderRequestID: "lb-42.7"}})
	if got := rec.Header().Get(HeaderRequestID); got != "lb-42.7" {
		t.Errorf("request id %q", got)
	}
	errorBody(t, rec, http.StatusNotFound, CodeClauseNotFound)
	var line map[string]any
	for _, l := range strings.Split(strings.TrimSpace(a.log.String()), "\n") {
		if strings.Contains(l, "lb-42.7") {
			if err := json.Unmarshal([]byte(l), &line); err != nil {
				t.Fatal(err)
			}
		}
	}
	want := map[string]any{"msg": "request", "level": "INFO", "request_id": "lb-42.7", "method": "GET",
		"uri": "/v1/clauses/bestaat_niet", "route": "/v1/clauses/:id", "status": 404.0, "error_code": CodeClauseNotFound}
	for k, v := range want {
		if line[k] != v {
			t.Errorf("log %s = %v, want %v (%v)", k, line[k], v, line)
		}
	}
	for _, bad := range []string{"has space", strings.Repeat("x", 65), "a\x01b", "ü"} {
		rec := a.do(t, req{method: http.MethodGet, path: "/healthz", header: map[string]string{HeaderRequestID: bad}})
		if got := rec.Header().Get(HeaderRequestID); !regexp.MustCompile(`^[0-9a-f]{32}$`).MatchString(got) {
			t.Errorf("%q → request id %q", bad, got)
		}
	}
}

// listen starts a's server on a loopback port; the returned function
// stops it and waits for Serve to return its error.
func listen(t *testing.T, a *api, drain time.Duration) (addr string, stop func() error) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- a.s.Serve(ctx, ln, drain) }()
	var once bool
	var result error
	stop = func() error {
		if !once {
			once = true
			cancel()
			result = <-done
		}
		return result
	}
	t.Cleanup(func() { _ = stop() })
	return ln.Addr().String(), stop
}

// signalPosts makes started receive a value as each POST enters the
// handler chain, i.e. once the server has read its headers.
func signalPosts(a *api) <-chan struct{} {
	started := make(chan struct{}, 10)
	a.s.e.Use(func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			if c.Request().Method == http.MethodPost {
				started <- struct{}{}
			}
			return next(c)
		}
	})
	return started
}

// rawPost writes the request line, headers and the first part of body.
func rawPost(t *testing.T, conn net.Conn, body []byte, part int) {
	t.Helper()
	fmt.Fprintf(conn, "POST /v1/agreements HTTP/1.1\r\nHost: ovk\r\nContent-Type: application/toml\r\nContent-Length: %d\r\n\r\n", len(body))
	if _, err := conn.Write(body[:part]); err != nil {
		t.Fatal(err)
	}
}

// readResponse reads and validates the response to a POST /v1/agreements.
func readResponse(t *testing.T, a *api, conn net.Conn, body []byte) (*http.Response, []byte) {
	t.Helper()
	hr, _ := http.NewRequest(http.MethodPost, "/v1/agreements", nil)
	hr.Header.Set("Content-Type", mediaTOML)
	_ = conn.SetReadDeadline(time.Now().Add(30 * time.Second))
	resp, err := http.ReadResponse(bufio.NewReader(conn), hr)
	if err != nil {
		t.Fatal(err)
	}
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	validateResponse(t, a.doc, a.router, hr, body, resp.StatusCode, resp.Header, data)
	return resp, data
}

// TestSlowClient checks the read timeouts on a real connection: headers
// that never end get the connection closed, a body that stalls gets 408.
func TestSlowClient(t *testing.T) {
	a := newAPI(t, Options{ReadHeaderTimeout: 200 * time.Millisecond, ReadTimeout: 400 * time.Millisecond})
	addr, _ := listen(t, a, time.Second)
	body := example(t, "23060-opwijk")

	t.Run("headers", func(t *testing.T) {
		conn, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		start := time.Now()
		fmt.Fprint(conn, "POST /v1/agreements HTTP/1.1\r\nHost: ovk\r\n")
		_ = conn.SetReadDeadline(time.Now().Add(10 * time.Second))
		n, err := conn.Read(make([]byte, 1))
		if n != 0 || !errors.Is(err, io.EOF) {
			t.Errorf("read %d bytes, %v; want the connection closed", n, err)
		}
		if d := time.Since(start); d < 150*time.Millisecond {
			t.Errorf("closed after %v, before the header timeout", d)
		}
	})

	t.Run("body", func(t *testing.T) {
		conn, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		rawPost(t, conn, body, len(body)/2)
		resp, data := readResponse(t, a, conn, nil)
		if resp.StatusCode != http.StatusRequestTimeout || !bytes.Contains(data, []byte(`"code":"request_timeout"`)) {
			t.Errorf("%d %s", resp.StatusCode, data)
		}
	})
}

// TestShutdownDuringRequest shuts the server down while a request is in
// flight: the listener closes at once, the request still gets its PDF, and
// Serve returns nil after it.
func TestShutdownDuringRequest(t *testing.T) {
	a := newAPI(t, Options{})
	started := signalPosts(a)
	addr, stop := listen(t, a, 10*time.Second)
	body := example(t, "23060-opwijk")
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	rawPost(t, conn, body, len(body)/2)
	<-started

	stopped := make(chan error, 1)
	go func() { stopped <- stop() }()
	// The listener closes first: wait until a new connection is refused.
	for deadline := time.Now().Add(5 * time.Second); ; {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			break
		}
		c.Close()
		if time.Now().After(deadline) {
			t.Fatal("the listener is still open")
		}
		time.Sleep(10 * time.Millisecond)
	}
	select {
	case err := <-stopped:
		t.Fatalf("Serve returned before the request in flight finished: %v", err)
	case <-time.After(100 * time.Millisecond):
	}
	if _, err := conn.Write(body[len(body)/2:]); err != nil {
		t.Fatal(err)
	}
	resp, data := readResponse(t, a, conn, body)
	if resp.StatusCode != http.StatusOK || !bytes.HasPrefix(data, []byte("%PDF-")) {
		t.Errorf("request in flight: %d %.200s", resp.StatusCode, data)
	}
	if err := <-stopped; err != nil {
		t.Errorf("Serve: %v", err)
	}
	if !a.s.draining.Load() {
		t.Error("not draining")
	}
}

// TestShutdownDrainTimeout gives up on a request that does not finish
// within the drain time.
func TestShutdownDrainTimeout(t *testing.T) {
	a := newAPI(t, Options{})
	started := signalPosts(a)
	addr, stop := listen(t, a, 100*time.Millisecond)
	body := example(t, "23060-opwijk")
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	rawPost(t, conn, body, 10)
	<-started
	if err := stop(); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Serve: %v, want the drain deadline", err)
	}
}

// TestClientGone stops the pipeline of a request whose client has gone and
// logs it as 499, not as a server error.
func TestClientGone(t *testing.T) {
	a := newAPI(t, Options{})
	r := tomlReq(example(t, "23060-opwijk"))
	hr := r.build()
	ctx, cancel := context.WithCancel(hr.Context())
	cancel()
	hr = hr.WithContext(ctx)
	rec := httptest.NewRecorder()
	a.s.ServeHTTP(rec, hr)
	a.check(t, hr, nil, rec)
	errorBody(t, rec, statusClientClosed, CodeClientClosed)
	if !strings.Contains(a.log.String(), `"level":"INFO","msg":"request"`) || !strings.Contains(a.log.String(), `"status":499`) {
		t.Errorf("log:\n%s", a.log)
	}
	if len(a.s.sem) != 0 {
		t.Error("slot leaked")
	}
}
