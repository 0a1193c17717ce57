package hyphen

// ResetCache empties the cache of Breaks, for benchmarks of a fresh process.
func ResetCache() {
	cacheMu.Lock()
	clear(cache)
	cacheMu.Unlock()
}
