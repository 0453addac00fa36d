package sourcepane

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// Palette colours token kinds. Plain, Name and Text use the theme's foreground so that text always
// contrasts with the background; the others are fixed per variant, chosen for contrast on the
// default light and dark backgrounds.
type Palette map[TokenKind]color.Color

var (
	lightPalette = Palette{
		Keyword:     color.NRGBA{0x1a, 0x4f, 0xc4, 0xff},
		Number:      color.NRGBA{0x0b, 0x7a, 0x5a, 0xff},
		Operator:    color.NRGBA{0xb0, 0x2a, 0x8c, 0xff},
		Comment:     color.NRGBA{0x6e, 0x77, 0x81, 0xff},
		String:      color.NRGBA{0xa3, 0x4a, 0x12, 0xff},
		Punctuation: color.NRGBA{0x57, 0x60, 0x6a, 0xff},
		Decorator:   color.NRGBA{0x7a, 0x3e, 0xc2, 0xff},
		Invalid:     color.NRGBA{0xb2, 0x3b, 0x3b, 0xff},
	}
	darkPalette = Palette{
		Keyword:     color.NRGBA{0x6c, 0xb6, 0xff, 0xff},
		Number:      color.NRGBA{0x8c, 0xd9, 0xa6, 0xff},
		Operator:    color.NRGBA{0xf2, 0x8b, 0xd1, 0xff},
		Comment:     color.NRGBA{0x8b, 0x94, 0x9e, 0xff},
		String:      color.NRGBA{0xf0, 0xa8, 0x7a, 0xff},
		Punctuation: color.NRGBA{0xa8, 0xb1, 0xbb, 0xff},
		Decorator:   color.NRGBA{0xc5, 0xa3, 0xff, 0xff},
		Invalid:     color.NRGBA{0xf0, 0x71, 0x78, 0xff},
	}
)

// colours are the resolved colours of one refresh.
type colours struct {
	gutterBg, gutterText, gutterCurrent, fg, curLine, selection, match, caret, thumb color.Color
	band, bandBar                                                                    color.Color
	tipBg, tipFg                                                                     color.Color
	tokens                                                                           Palette
	severity                                                                         [3]color.Color
}

func (e *Editor) colours() colours {
	th := e.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	c := func(n fyne.ThemeColorName) color.Color { return th.Color(n, v) }
	pal := lightPalette
	if v == theme.VariantDark {
		pal = darkPalette
	}
	if isDark(c(theme.ColorNameBackground)) != (v == theme.VariantDark) {
		// a custom theme whose background disagrees with the variant: follow the background
		if isDark(c(theme.ColorNameBackground)) {
			pal = darkPalette
		} else {
			pal = lightPalette
		}
	}
	return colours{
		gutterBg:      c(theme.ColorNameInputBackground),
		gutterText:    c(theme.ColorNamePlaceHolder),
		gutterCurrent: c(theme.ColorNameForeground),
		fg:            c(theme.ColorNameForeground),
		curLine:       c(theme.ColorNameHover),
		selection:     c(theme.ColorNameSelection),
		match:         withAlpha(c(theme.ColorNameWarning), 0x55),
		caret:         c(theme.ColorNamePrimary),
		band:          withAlpha(c(theme.ColorNamePrimary), 0x26),
		bandBar:       c(theme.ColorNamePrimary),
		thumb:         c(theme.ColorNameScrollBar),
		tipBg:         c(theme.ColorNameOverlayBackground),
		tipFg:         c(theme.ColorNameForeground),
		tokens:        pal,
		severity: [3]color.Color{
			SeverityError:   c(theme.ColorNameError),
			SeverityWarning: c(theme.ColorNameWarning),
			SeverityInfo:    c(theme.ColorNamePrimary),
		},
	}
}

func (c colours) token(k TokenKind) color.Color {
	if col, ok := c.tokens[k]; ok {
		return col
	}
	return c.fg
}

func (c colours) sev(s Severity) color.Color {
	if s < 0 || int(s) >= len(c.severity) {
		return c.severity[SeverityInfo]
	}
	return c.severity[s]
}

func isDark(c color.Color) bool {
	r, g, b, _ := c.RGBA()
	return (299*r+587*g+114*b)/1000 < 0x8000
}

func withAlpha(c color.Color, a uint8) color.Color {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	n.A = a
	return n
}
