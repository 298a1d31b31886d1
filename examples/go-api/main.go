// Command go-api is an HTTP service on net/http with no third-party modules.
package main

import (
	"encoding/json"
	"log"
	"net/http"
	"os"
	"runtime"
)

func main() {
	port := os.Getenv("PORT")
	if port == "" {
		port = "8080"
	}
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet {
			w.WriteHeader(http.StatusMethodNotAllowed)
			return
		}
		w.Header().Set("content-type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]string{
			"service": "go-api", "language": "go", "path": r.URL.Path, "go": runtime.Version(),
		})
	})
	log.Printf("go-api listening on %s", port)
	log.Fatal(http.ListenAndServe(":"+port, nil))
}
