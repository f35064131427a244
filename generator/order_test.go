package generator

import (
	"slices"
	"testing"

	"github.com/followup-playbook/playbook/generator/render"
)

func TestLongestFirst(t *testing.T) {
	listing := func(n int) job { return job{data: render.Data{Pages: make([]*render.Page, n)}} }
	tests := []struct {
		name  string
		pages []int // pages each job lists
		want  []int
	}{
		{"no jobs", nil, []int{}},
		{"no lists keep their order", []int{0, 0, 0}, []int{0, 1, 2}},
		{"lists first, longest first, the rest in order", []int{0, 3, 0, 10, 1, 0}, []int{3, 1, 4, 0, 2, 5}},
		{"equal lists keep their order", []int{0, 5, 5}, []int{1, 2, 0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			jobs := make([]job, len(tt.pages))
			for i, n := range tt.pages {
				jobs[i] = listing(n)
			}
			if got := longestFirst(jobs); !slices.Equal(got, tt.want) {
				t.Errorf("longestFirst = %v, want %v", got, tt.want)
			}
		})
	}
}
