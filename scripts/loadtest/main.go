// Command loadtest puts the dev server under load on loopback and prints what it held:
// requests served, errors, p50/p99 latency, streams, reloads and peak memory.
//
// It runs generator/serve's TestLoad, the one load test, so the figures printed here are
// the ones CI checks: 200 event streams open and 100 more that vanish, eight workers
// requesting pages back to back for 10 s, and a page edited every 400 ms.
//
//	go run ./scripts/loadtest [-race]
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"strings"
)

func main() {
	race := flag.Bool("race", false, "run the server under the race detector (slower, fewer requests)")
	flag.Parse()
	args := []string{"test", "-run", "^TestLoad$", "-count=1", "-v"}
	if *race {
		args = append(args, "-race")
	}
	args = append(args, "./generator/serve")
	cmd := exec.Command("go", args...)
	cmd.Env = append(os.Environ(), "PLAYBOOK_LOAD_REPORT=1")
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		fmt.Fprintln(os.Stderr, "loadtest:", err)
		os.Exit(1)
	}
	if err := cmd.Start(); err != nil {
		fmt.Fprintln(os.Stderr, "loadtest:", err)
		os.Exit(1)
	}
	var log []string
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "load: "):
			fmt.Println(strings.TrimPrefix(line, "load: "))
		default:
			log = append(log, line)
		}
	}
	if err := cmd.Wait(); err != nil {
		fmt.Fprintln(os.Stderr, strings.Join(log, "\n"))
		fmt.Fprintln(os.Stderr, "loadtest: the server did not hold the load:", err)
		os.Exit(1)
	}
}
