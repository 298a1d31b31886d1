FROM node:26-trixie-slim AS build
WORKDIR /app
COPY . .
RUN npm ci

FROM node:26-trixie-slim AS runtime
WORKDIR /app
COPY --from=build /app ./
USER 10001
CMD ["node", "server.js"]
