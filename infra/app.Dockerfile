# syntax=docker/dockerfile:1
# The ledger (api / projector nodes). Build context is the repository root (see docker-compose.yml).
FROM node:20-bookworm AS build
WORKDIR /app
COPY package.json package-lock.json ./
# better-sqlite3 compiles from source here (about 2 minutes, DESIGN.md): the read models stay on SQLite.
RUN npm ci
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/apps/api/src/dashboard/public ./apps/api/src/dashboard/public
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 3000
CMD ["node", "dist/apps/api/src/main.js"]
