# Particulier Hub: one image for the hub and the standalone sandbox.
FROM node:20.20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json tsconfig.json tsconfig.base.json ./
COPY packages ./packages
COPY schema ./schema
COPY migrations ./migrations
RUN npm ci --no-audit --no-fund && npm prune --omit=dev --ignore-scripts

FROM node:20.20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app /app
USER node
EXPOSE 4000
CMD ["node", "packages/cli/bin/hub.js", "start"]
