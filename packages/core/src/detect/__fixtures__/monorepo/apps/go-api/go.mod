module example.com/go-api

go 1.22.3

toolchain go1.22.5
