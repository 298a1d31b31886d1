FROM node:26-trixie-slim AS runtime
WORKDIR /app
COPY . .
CMD ["node", "server.js"]
