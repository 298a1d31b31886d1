FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY . .
RUN npm ci

FROM node:22-bookworm-slim AS runtime
WORKDIR /app
COPY --from=build /app ./
USER 10001
CMD ["node", "server.js"]
