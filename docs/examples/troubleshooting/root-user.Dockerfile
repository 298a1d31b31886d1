FROM node:22-bookworm-slim AS runtime
WORKDIR /app
COPY . .
CMD ["node", "server.js"]
