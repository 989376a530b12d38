package ui

import (
	"charm.land/bubbles/v2/textarea"
	"charm.land/bubbles/v2/textinput"
)

// Text fields keep a steady cursor: a blinking one redraws the screen twice
// a second, which over SSH is traffic to an idle session.

// In the notty style the fields draw no colour either.

func newTextInput(prompt string, plain bool) textinput.Model {
	ti := textinput.New()
	ti.Prompt = prompt
	ti.CharLimit = 200
	s := ti.Styles()
	if plain {
		s = textinput.Styles{}
	}
	s.Cursor.Blink = false
	ti.SetStyles(s)
	return ti
}

func newTextArea(plain bool) textarea.Model {
	ta := textarea.New()
	s := ta.Styles()
	if plain {
		s = textarea.Styles{}
	}
	s.Cursor.Blink = false
	ta.SetStyles(s)
	return ta
}
