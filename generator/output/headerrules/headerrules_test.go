package headerrules

import (
	"reflect"
	"testing"
)

func TestFor(t *testing.T) {
	rules := Parse([]byte("# c\n/*\n  X-A: 1\n/css/*\n  X-B: 2\n/css/site.0123456789.css\n  X-B: 3\nhttps://x.org/*\n  X-C: 4\n"))
	tests := []struct {
		path string
		want map[string][]string
	}{
		{"/", map[string][]string{"X-A": {"1"}}},
		{"/a/b/index.html", map[string][]string{"X-A": {"1"}}},
		{"/css/site.css", map[string][]string{"X-A": {"1"}, "X-B": {"2"}}},
		{"/css/deep/x.css", map[string][]string{"X-A": {"1"}, "X-B": {"2"}}},
		{"/css/site.0123456789.css", map[string][]string{"X-A": {"1"}, "X-B": {"2", "3"}}},
		{"/css/site.0123456789.cssx", map[string][]string{"X-A": {"1"}, "X-B": {"2"}}},
	}
	for _, tt := range tests {
		if got := For(rules, tt.path); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("For(%q) = %v, want %v", tt.path, got, tt.want)
		}
	}
}
