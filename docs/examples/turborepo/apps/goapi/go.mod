module example.com/goapi

go 1.22
