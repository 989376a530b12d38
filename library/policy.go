package library

import (
	"fmt"
	"net/netip"
)

// Policy decides whether briefing may connect to an address. It is asked
// with the address actually dialled, after name resolution and on every
// redirect, and returns a *DeniedError to refuse.
type Policy func(addr netip.AddrPort) error

// DeniedError is a connection a Policy refused.
type DeniedError struct {
	Addr   netip.Addr
	Reason string
}

func (e *DeniedError) Error() string {
	return fmt.Sprintf("refused to connect to %s: %s", e.Addr, e.Reason)
}

func (p Policy) check(address string) error {
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return &DeniedError{Reason: "not an IP address: " + address}
	}
	return p(netip.AddrPortFrom(ap.Addr().Unmap(), ap.Port()))
}

// DenyPrivate refuses addresses that are not on the public internet:
// loopback, private ranges, link-local, carrier-grade NAT, unique local and
// unspecified addresses. A server that fetches for its users (serve) sets it
// so that nobody can make it reach the machines around it.
func DenyPrivate(addr netip.AddrPort) error {
	ip := addr.Addr().Unmap()
	if reason := privateReason(ip); reason != "" {
		return &DeniedError{Addr: ip, Reason: reason}
	}
	return nil
}

var cgnat = netip.MustParsePrefix("100.64.0.0/10")

func privateReason(ip netip.Addr) string {
	switch {
	case !ip.IsValid(), ip.IsUnspecified():
		return "an unspecified address"
	case ip.IsLoopback():
		return "a loopback address"
	case ip.IsPrivate(), cgnat.Contains(ip):
		return "a private address"
	case ip.IsLinkLocalUnicast(), ip.IsLinkLocalMulticast(), ip.IsInterfaceLocalMulticast():
		return "a link-local address"
	case ip.IsMulticast():
		return "a multicast address"
	}
	return ""
}
