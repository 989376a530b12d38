package main

import (
	"strings"
	"testing"
	"time"
)

// The analyst's workflow in a real terminal: nothing typed is lost, and
// navigation says where it went.

func TestShowTopicWrapsInTmux(t *testing.T) {
	if testing.Short() {
		t.Skip("drives the real binary")
	}
	bin := buildBinary(t)
	s := startTmux(t, 80, 60, bin+" show --topic territory ukraine-us-europeans; echo exited-$?; sleep 30")
	scr := s.waitFor("exited-0")
	for _, l := range strings.Split(scr, "\n") {
		if strings.HasSuffix(strings.TrimRight(l, " "), "…") {
			t.Errorf("a line is cut: %q", l)
		}
	}
	// The marked paragraph's last words are on screen.
	if !strings.Contains(scr, "limits on the size of its armed forces") && !strings.Contains(scr, "armed forces.") {
		t.Errorf("the marked paragraph is not whole:\n%s", scr)
	}
}

func TestNotesSurviveInTmux(t *testing.T) {
	if testing.Short() {
		t.Skip("drives the real binary")
	}
	bin := buildBinary(t)
	state := t.TempDir()
	s := startTmux(t, 120, 40, bin+" --state "+state+"; echo exited-$?; sleep 30")
	s.waitFor("5 articles")
	s.keys("Enter")
	s.waitFor("briefing · reader")
	s.keys("a")
	s.waitFor("ctrl+s saves")
	s.keys("-l", "Check the map")
	s.waitFor("Check the map")
	// esc with changes asks; n keeps the text.
	s.keys("Escape")
	s.waitFor("discard note? y/n")
	s.keys("n")
	s.waitFor("ctrl+s saves")
	// ctrl+c asks the same instead of quitting.
	s.keys("C-c")
	s.waitFor("discard the note and quit? y/n")
	s.keys("n")
	s.keys("C-s")
	s.waitFor("note saved on ¶1")
	// Unpinning keeps the note and says so; u brings pin and note back.
	s.keys("p")
	s.waitFor("note kept, u to undo")
	s.keys("u")
	s.waitFor("restored ¶1")
	s.keys("b")
	s.waitFor("Note: Check the map")
	s.keys("q")
	s.waitFor("exited-0")
}

func TestTopicJumpsSayWhereInTmux(t *testing.T) {
	if testing.Short() {
		t.Skip("drives the real binary")
	}
	bin := buildBinary(t)
	s := startTmux(t, 120, 40, bin+" --state "+t.TempDir()+"; echo exited-$?; sleep 30")
	s.waitFor("5 articles")
	s.keys("Enter")
	s.waitFor("briefing · reader")
	s.keys("2", "]", "]", "]")
	s.waitFor("moved on to")
	s.keys("g", "[")
	s.waitFor("the previous article on territory")
	// From the last article on the topic, ] wraps to the first and says so.
	s.keys("Escape")
	s.waitFor("5 articles")
	s.keys("G", "Enter")
	s.waitFor("briefing · reader")
	for range 12 {
		before := statusOf(s.screen())
		s.keys("]")
		after := s.waitForChange(before)
		if strings.Contains(after, "wrapped to the first article on territory") {
			return
		}
	}
	t.Errorf("] never wrapped:\n%s", s.screen())
}

// statusOf is the status line: the one above the footer.
func statusOf(scr string) string {
	lines := strings.Split(strings.TrimRight(scr, "\n"), "\n")
	if len(lines) < 2 {
		return ""
	}
	return lines[len(lines)-2]
}

// waitForChange waits until the status line is no longer before.
func (s *tmuxSession) waitForChange(before string) string {
	s.t.Helper()
	for range 400 {
		if now := statusOf(s.screen()); now != before {
			return now
		}
		time.Sleep(50 * time.Millisecond)
	}
	s.t.Fatalf("the status line stayed %q", before)
	return ""
}

func TestSearchOpenAndWalkInTmux(t *testing.T) {
	if testing.Short() {
		t.Skip("drives the real binary")
	}
	bin := buildBinary(t)
	s := startTmux(t, 120, 40, bin+" --state "+t.TempDir()+"; echo exited-$?; sleep 30")
	s.waitFor("5 articles")
	s.keys("s")
	s.waitFor("briefing · search")
	s.keys("-l", "security guarantees")
	s.waitFor("paragraphs in")
	s.keys("Enter") // to the results
	s.waitFor("enter opens the paragraph")
	s.keys("Enter") // open the first
	s.waitFor("briefing · reader")
	s.waitFor("search hit 1/")
	s.keys("n")
	s.waitFor("search hit 2/")
	s.keys("N")
	s.waitFor("search hit 1/")
	s.keys("q")
	s.waitFor("exited-0")
}
