//go:build !unix

package model

func readFile(p string, limit int64) ([]byte, error) { return readFileOS(p, limit) }
