// This file is part of the changes ovk carries on fpdf v0.9.0 (see
// PATCHES.md). Use of this source code is governed by the MIT-style license
// in the LICENSE file.

package fpdf

// widthRun is untypedKeyMap (util.go) for the keys generateCIDFontMap uses:
// the integer keys that put(nil, v) allocates, and "interval", written here
// as intervalKey. The slices are kept and changed exactly as untypedKeyMap
// keeps them, because generateCIDFontMap reads a stale copy of one after
// deleting from it.
type widthRun struct {
	keySet   []int
	valueSet []int
}

// intervalKey stands for untypedKeyMap's key "interval".
const intervalKey = -1

func newWidthRun() *widthRun {
	return &widthRun{keySet: make([]int, 0, 4), valueSet: make([]int, 0, 4)}
}

// getIndex returns the position of key, or -1.
func (r *widthRun) getIndex(key int) int {
	for i, k := range r.keySet {
		if k == key {
			return i
		}
	}
	return -1
}

// putNext appends v under the smallest non-negative key not in use, as
// untypedKeyMap.put(nil, v) does.
func (r *widthRun) putNext(v int) {
	n, top := 0, -1
	for _, k := range r.keySet {
		if k >= 0 {
			n++
			top = max(top, k)
		}
	}
	if top != n-1 { // keys 0..n-1 are not all there: search as v0.9.0 did
		for n = 0; r.getIndex(n) >= 0; n++ {
		}
	}
	r.keySet = append(r.keySet, n)
	r.valueSet = append(r.valueSet, v)
}

// put sets key to v, appending it if it is new.
func (r *widthRun) put(key, v int) {
	if i := r.getIndex(key); i >= 0 {
		r.valueSet[i] = v
		return
	}
	r.keySet = append(r.keySet, key)
	r.valueSet = append(r.valueSet, v)
}

// delete removes key, as untypedKeyMap.delete does (in place).
func (r *widthRun) delete(key int) {
	if r == nil || r.keySet == nil || r.valueSet == nil {
		return
	}
	i := r.getIndex(key)
	if i >= 0 {
		if i == 0 {
			r.keySet = r.keySet[1:]
			r.valueSet = r.valueSet[1:]
		} else if i == len(r.keySet)-1 {
			r.keySet = r.keySet[:len(r.keySet)-1]
			r.valueSet = r.valueSet[:len(r.valueSet)-1]
		} else {
			r.keySet = append(r.keySet[:i], r.keySet[i+1:]...)
			r.valueSet = append(r.valueSet[:i], r.valueSet[i+1:]...)
		}
	}
}

// get returns the value of key, or 0.
func (r *widthRun) get(key int) int {
	if i := r.getIndex(key); i >= 0 {
		return r.valueSet[i]
	}
	return 0
}

// pop removes the last entry.
func (r *widthRun) pop() {
	r.keySet = r.keySet[:len(r.keySet)-1]
	r.valueSet = r.valueSet[:len(r.valueSet)-1]
}

// singleValue reports whether the run holds one distinct value, as
// len(arrayCountValues(r.valueSet)) == 1 does.
func (r *widthRun) singleValue() bool {
	if len(r.valueSet) == 0 {
		return false
	}
	for _, v := range r.valueSet[1:] {
		if v != r.valueSet[0] {
			return false
		}
	}
	return true
}

// mergeWidthRuns is arrayMerge for widthRuns.
func mergeWidthRuns(arr1, arr2 *widthRun) *widthRun {
	answer := widthRun{}
	if arr1 == nil && arr2 == nil {
		answer = widthRun{make([]int, 0), make([]int, 0)}
	} else if arr2 == nil {
		answer.keySet = arr1.keySet[:]
		answer.valueSet = arr1.valueSet[:]
	} else if arr1 == nil {
		answer.keySet = arr2.keySet[:]
		answer.valueSet = arr2.valueSet[:]
	} else {
		answer.keySet = arr1.keySet[:]
		answer.valueSet = arr1.valueSet[:]
		for i := 0; i < len(arr2.keySet); i++ {
			if arr2.keySet[i] == intervalKey {
				if arr1.getIndex(intervalKey) < 0 {
					answer.put(intervalKey, arr2.valueSet[i])
				}
			} else {
				answer.putNext(arr2.valueSet[i])
			}
		}
	}
	return &answer
}
