package strictoml

import (
	"strings"
	"testing"

	"github.com/followup-playbook/playbook/generator/diag"
)

type doc struct {
	Title  string `toml:"title"`
	Fields []struct {
		Name string `toml:"name"`
	} `toml:"fields"`
	Table struct {
		Key int `toml:"key"`
	} `toml:"table"`
}

func TestDecodePositions(t *testing.T) {
	tests := []struct {
		name      string
		src       string
		firstLine int
		want      []string
	}{
		{"ok", "title = \"x\"\n[table]\nkey = 1\n", 1, nil},
		{"syntax", "title = \n", 1, []string{"f.toml:1:9: invalid TOML"}},
		{"unknown top key", "title = \"x\"\nnope = 1\n", 1, []string{`f.toml:2:1: unknown key "nope"; check its spelling, or remove it`}},
		{"near a known key", "title = \"x\"\ntilte = 1\n", 1, []string{`f.toml:2:1: unknown key "tilte"; did you mean "title"?`}},
		{"unknown table key", "[table]\nkey = 1\n  kee = 2\n", 1, []string{`f.toml:3:3: unknown key "table.kee"; did you mean "table.key"?`}},
		{"array of tables, second element", "[[fields]]\nname = \"a\"\n[[fields]]\nname = \"b\"\nnam = \"c\"\n", 1, []string{`f.toml:5:1: unknown key "fields.nam"; did you mean "fields.name"?`}},
		{"front matter offset", "title = \"x\"\nnope = 1\n", 2, []string{`f.toml:3:1: unknown key "nope"`}},
		{"wrong type", "[table]\nkey = \"one\"\n", 1, []string{`f.toml:2:7: "table.key" takes a whole number, not text; check the value's type`}},
		{"number in quotes", "title = \"x\"\n[table]\nkey = \"85\"\n", 2, []string{`f.toml:4:7: "table.key" takes a whole number, not text; write it without quotes: key = 85`}},
		{"number for text", "title = 85\n", 1, []string{`f.toml:1:9: "title" takes text, not a whole number; put it in quotes: title = "…"`}},
		{"unknown table, one problem", "title = \"x\"\n[colours]\nred = 1\n", 1, []string{`f.toml:2:1: unknown key "colours"; check its spelling, or remove it`}},
		{"unknown empty table", "title = \"x\"\n[tabel]\n", 1, []string{`f.toml:2:1: unknown key "tabel"; did you mean "table"?`}},
		{"unknown sub-table", "[table.x]\ny = 1\n", 1, []string{`f.toml:1:1: unknown key "table.x"`}},
		{"not UTF-8", "title = \"Caf\xe9\"\n", 2, []string{`f.toml:2:13: the file is not valid UTF-8; save it as UTF-8 in your editor`}},
		{"dotted key", "title = \"x\"\n  colours.red = 1\n", 1, []string{`f.toml:2:3: unknown key "colours.red"`}},
		{"quoted key", "title = \"x\"\n'nope' = 1\n", 1, []string{`f.toml:2:1: unknown key "nope"`}},
		{"not inside a multi-line string", "title = \"\"\"\nnope = 1\n\"\"\"\nnope = 2\n", 1, []string{`f.toml:4:1: unknown key "nope"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var d doc
			_, err := Decode("f.toml", []byte(tt.src), tt.firstLine, &d)
			if tt.want == nil {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if err == nil {
				t.Fatal("want an error")
			}
			if n := len(diag.All(err)); n != len(tt.want) {
				t.Fatalf("%d problems, want %d: %v", n, len(tt.want), err)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
		})
	}
}

func TestLocate(t *testing.T) {
	src := []byte("title = \"S\"\n\n[[menu]]\nname = \"A\"\npage = 'a.md'\n\n[[menu]]\n  page  =  \"b.md\"  # the second\n")
	tests := []struct {
		key, value string
		line, col  int
	}{
		{"page", "a.md", 5, 8},
		{"page", "b.md", 8, 12},
		{"page", "c.md", 0, 0},
		{"name", "A", 4, 8},
		{"title", "S", 1, 9},
		{"itle", "S", 0, 0},
	}
	for _, tt := range tests {
		if line, col := Locate(src, tt.key, tt.value); line != tt.line || col != tt.col {
			t.Errorf("Locate(%q, %q) = %d:%d, want %d:%d", tt.key, tt.value, line, col, tt.line, tt.col)
		}
	}
}

func TestKeyPos(t *testing.T) {
	src := []byte(`id = "x"
body = """
name = "not a key"
[fields]
"""
  channel = "email"

[timing]
after = "interview"

[[fields]]
name = "a"

[[fields]]
 name = "b"
[guidance]
"when" = "after"
extra.deep = 1
`)
	tests := []struct {
		key                 string
		line, col, valueCol int // valueCol is ValuePos's column
	}{
		{"id", 1, 1, 6},
		{"channel", 6, 3, 13},
		{"timing", 8, 1, 1},
		{"timing.after", 9, 1, 9},
		{"fields.0.name", 12, 1, 8},
		{"fields.1.name", 15, 2, 9},
		{"fields.2.name", 0, 0, 0},
		{"name", 0, 0, 0}, // only inside the multi-line string
		{"timing.missing", 0, 0, 0},
		{"guidance.when", 17, 1, 10},
		{"guidance.extra.deep", 18, 1, 14},
		{"guidance.extra", 0, 0, 0}, // a part of a key, not a key
		{"fields.1", 14, 1, 1},      // an element of an array of tables: its header
		{"fields.2", 0, 0, 0},
	}
	for _, tt := range tests {
		if l, c := KeyPos(src, tt.key); l != tt.line || c != tt.col {
			t.Errorf("KeyPos(%q) = %d:%d, want %d:%d", tt.key, l, c, tt.line, tt.col)
		}
		if l, c := ValuePos(src, tt.key); l != tt.line || c != tt.valueCol {
			t.Errorf("ValuePos(%q) = %d:%d, want %d:%d", tt.key, l, c, tt.line, tt.valueCol)
		}
	}
}

func TestSuggest(t *testing.T) {
	known := []string{"title", "description", "copyright", "weight", "draft", "raw_html"}
	tests := []struct{ key, want string }{
		{"copyrigth", "copyright"}, // two letters swapped
		{"descripton", "description"},
		{"Titel", "title"},
		{"wieght", "weight"},
		{"rawhtml", "raw_html"},
		{"drafts", "draft"},
		{"nope", ""}, // no key's typo
		{"daft", "draft"},
		{"tx", ""},
		{"colour", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Suggest(tt.key, known); got != tt.want {
			t.Errorf("Suggest(%q) = %q, want %q", tt.key, got, tt.want)
		}
	}
	if got := Suggest("x", nil); got != "" {
		t.Errorf("Suggest with no known keys = %q", got)
	}
}
