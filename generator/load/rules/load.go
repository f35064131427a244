package rules

import (
	"errors"
	"fmt"
	"io/fs"
	"reflect"
	"strings"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"github.com/followup-playbook/playbook/generator/diag"
	"github.com/followup-playbook/playbook/generator/internal/strictoml"
	"github.com/followup-playbook/playbook/generator/load/config"
)

// LoadPolicy reads the [timeline] table of site.toml in fsys over DefaultPolicy and checks
// it. A missing file or table, or a file that is not TOML (config.Load reports it), gives
// the default policy. Keys of other tables are left to
// the site's config loader; unknown keys inside [timeline] are errors here. With problems,
// the policy returned is still one the rules compile with: the keys that are good as
// written, the default in place of each key that is not (see Policy.Usable).
func LoadPolicy(fsys fs.FS) (Policy, error) {
	p := DefaultPolicy()
	src, err := fs.ReadFile(fsys, config.File)
	if errors.Is(err, fs.ErrNotExist) {
		return p, nil
	}
	if err != nil {
		return p, fmt.Errorf("reading %s: %w", config.File, err)
	}
	v := struct {
		Timeline *Policy `toml:"timeline"`
	}{Timeline: &p}
	md, err := toml.Decode(string(src), &v)
	if err != nil {
		// A file that is not TOML at all is config.Load's to report: reported here as
		// well, the one mistake would be two problems. The policy is then the default.
		var any map[string]any
		if _, perr := toml.Decode(string(src), &any); perr != nil || !utf8.Valid(src) {
			return p, nil
		}
		// Let strictoml position the syntax or type error the way every loader does.
		var w struct {
			Timeline *Policy `toml:"timeline"`
		}
		w.Timeline = new(Policy)
		if _, serr := strictoml.Decode(config.File, src, 1, &w); serr != nil {
			err = serr
		} else {
			err = fmt.Errorf("%s: %w", config.File, err)
		}
		return decodeEach(src).Usable(), err
	}
	var errs []error
	for _, k := range md.Undecoded() {
		if len(k) < 2 || k[0] != "timeline" {
			continue
		}
		keys := policyKeys()
		hint := "the [timeline] keys are " + strings.Join(keys[:len(keys)-1], ", ") + " and " + keys[len(keys)-1]
		if s := strictoml.Suggest(k[len(k)-1], keys); s != "" {
			hint = fmt.Sprintf("did you mean %q?", s)
		}
		d := &diag.Error{Path: config.File, Msg: fmt.Sprintf("unknown key %q", k.String()), Hint: hint}
		if line, col := strictoml.KeyPos(src, strings.Join(k, ".")); line > 0 {
			d = diag.At(config.File, src, line, col, d.Msg, d.Hint)
		}
		errs = append(errs, d)
	}
	errs = append(errs, p.Validate(config.File, src))
	return p.Usable(), errors.Join(errs...)
}

// decodeEach decodes the [timeline] table of src one key at a time over DefaultPolicy,
// keeping the keys whose values have the right type: toml.Decode stops at the first that
// has not, and which keys it decoded before that depends on map order.
func decodeEach(src []byte) Policy {
	p := DefaultPolicy()
	var v struct {
		Timeline map[string]toml.Primitive `toml:"timeline"`
	}
	md, err := toml.Decode(string(src), &v)
	if err != nil {
		return p
	}
	for _, k := range sortedKeys(v.Timeline) {
		f := p.field(k)
		if !f.IsValid() {
			continue
		}
		nv := reflect.New(f.Type())
		if md.PrimitiveDecode(v.Timeline[k], nv.Interface()) == nil {
			f.Set(nv.Elem())
		}
	}
	return p
}
