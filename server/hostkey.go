package server

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	gossh "golang.org/x/crypto/ssh"
)

// loadHostKey reads the Ed25519 host key at path, creating it (file 0600,
// folder 0700) on first start, so the fingerprint users verify never changes.
// As OpenSSH does, it refuses a key others can read; and it accepts only
// Ed25519, the type it creates and documents.
func loadHostKey(path string) (pemBytes []byte, signer gossh.Signer, err error) {
	pemBytes, err = readHostKey(path)
	if errors.Is(err, fs.ErrNotExist) {
		pemBytes, err = createHostKey(path)
	}
	if err != nil {
		return nil, nil, fmt.Errorf("host key %s: %w", path, err)
	}
	signer, err = gossh.ParsePrivateKey(pemBytes)
	var missing *gossh.PassphraseMissingError
	if errors.As(err, &missing) {
		return nil, nil, fmt.Errorf("host key %s is protected by a passphrase: briefing needs an unencrypted Ed25519 key (ssh-keygen -t ed25519 -N '' -f FILE)", path)
	}
	if err != nil {
		return nil, nil, fmt.Errorf("host key %s: %w", path, err)
	}
	if t := signer.PublicKey().Type(); t != gossh.KeyAlgoED25519 {
		return nil, nil, fmt.Errorf("host key %s is %s: briefing accepts Ed25519 host keys only (ssh-keygen -t ed25519 -N '' -f FILE, or remove it to have one created)", path, t)
	}
	return pemBytes, signer, nil
}

// readHostKey reads a key file that only its owner may read.
func readHostKey(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if perm := info.Mode().Perm(); perm&0o077 != 0 {
		return nil, fmt.Errorf("readable by others (mode %04o): a private key must be private; run chmod 600 %s", perm, path)
	}
	return io.ReadAll(f)
}

func createHostKey(path string) ([]byte, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, err
	}
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, err
	}
	block, err := gossh.MarshalPrivateKey(priv, "briefing host key")
	if err != nil {
		return nil, err
	}
	data := pem.EncodeToMemory(block)
	// O_EXCL: two servers starting at once must not overwrite each other's key.
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		if errors.Is(err, fs.ErrExist) {
			return os.ReadFile(path)
		}
		return nil, err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return nil, err
	}
	return data, f.Close()
}

// Fingerprint is the SHA256 fingerprint OpenSSH shows for a key.
func Fingerprint(key gossh.PublicKey) string { return gossh.FingerprintSHA256(key) }
