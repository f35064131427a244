package render

import (
	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// taskBoxRenderer writes a GFM task list's box ("- [ ] item") as a disabled checkbox that
// assistive technology skips: it cannot be ticked, and the item's own text says what it is.
// goldmark's own renderer writes an unlabelled form control, which axe-core reports.
type taskBoxRenderer struct{}

// RegisterFuncs implements renderer.NodeRenderer.
func (taskBoxRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(extast.KindTaskCheckBox, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if n.(*extast.TaskCheckBox).IsChecked {
			_, _ = w.WriteString(`<input type="checkbox" checked disabled aria-hidden="true"> `)
		} else {
			_, _ = w.WriteString(`<input type="checkbox" disabled aria-hidden="true"> `)
		}
		return ast.WalkContinue, nil
	})
}

// taskBoxes replaces GFM's task box renderer (registered at priority 500; lower wins).
var taskBoxes = renderer.WithNodeRenderers(util.Prioritized(taskBoxRenderer{}, 100))
