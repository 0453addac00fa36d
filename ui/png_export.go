package ui

import (
	"io"

	"mapwright/render"
	"mapwright/render/raster"
)

func init() {
	encodePNG = func(w io.Writer, sc *render.Scene, scale float64, transparent bool) error {
		return raster.Encode(w, sc, raster.Options{Scale: scale, Transparent: transparent})
	}
}
