FROM golang:1.26-trixie AS build
WORKDIR /src
COPY . .
RUN go build -o /out/app .

FROM scratch AS runtime
COPY --from=build /out/app /app
USER 65534
ENTRYPOINT ["/app"]
