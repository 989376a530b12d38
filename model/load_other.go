//go:build !unix

package model

func readFile(p string, limit int64, buf []byte) ([]byte, error) { return readFileOS(p, limit, buf) }
