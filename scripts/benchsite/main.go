// Command benchsite writes a synthetic Follow-Up Playbook site of any size, for benchmarks:
//
//	go run ./scripts/benchsite -n 10000 -o DIR
//
// DIR receives site.toml, content/playbooks/<slug>.md (N guidance pages of 520-1,250
// words with TOML front matter, ## and ### headings, bullet and numbered lists, emphasis,
// inline code, links to other pages by their .md path, external links, a blockquote, and a
// fenced email template in about a third of them) and content/messages/*.toml, the
// repository's own message templates. The output depends only on -n and -seed.
//
//	go run ./scripts/benchsite -floor -s SITE -d DEST [-pad BYTES]
//
// measures the floor instead: goldmark alone renders every page of SITE and the HTML is
// written under DEST (see benchcorpus.Floor); it prints pages, bytes and milliseconds.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/followup-playbook/playbook/scripts/benchcorpus"
)

func main() {
	n := flag.Int("n", 1000, "number of guidance pages")
	out := flag.String("o", "", "folder to write the site into (must be absent or empty)")
	seed := flag.Int64("seed", 1, "seed of the pseudo-random text")
	floor := flag.Bool("floor", false, "render SITE (-s) with goldmark alone into DEST (-d) instead")
	site := flag.String("s", "", "with -floor: the site to render")
	dest := flag.String("d", "", "with -floor: the folder to write (must not exist)")
	pad := flag.Int("pad", 0, "with -floor: bytes to add to every page (to write as many bytes as a build)")
	flag.Parse()
	if *floor {
		if *site == "" || *dest == "" {
			fmt.Fprintln(os.Stderr, "usage: benchsite -floor -s SITE -d DEST")
			os.Exit(2)
		}
		start := time.Now()
		st, err := benchcorpus.Floor(context.Background(), *site, *dest, *pad)
		if err != nil {
			fmt.Fprintln(os.Stderr, "benchsite:", err)
			os.Exit(1)
		}
		fmt.Printf("floor: %d pages, %d bytes in %d ms\n", st.Pages, st.Bytes, time.Since(start).Milliseconds())
		return
	}
	if *out == "" || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: benchsite -n PAGES -o DIR [-seed N]")
		os.Exit(2)
	}
	if entries, err := os.ReadDir(*out); err == nil && len(entries) > 0 {
		fmt.Fprintf(os.Stderr, "benchsite: %s is not empty\n", *out)
		os.Exit(1)
	}
	st, err := benchcorpus.Write(*out, *n, *seed)
	if err != nil {
		fmt.Fprintln(os.Stderr, "benchsite:", err)
		os.Exit(1)
	}
	fmt.Printf("wrote %d pages (%d bytes of Markdown) and %d message templates into %s\n", st.Pages, st.MarkdownBytes, st.Messages, *out)
}
