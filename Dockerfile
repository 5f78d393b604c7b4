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
# The process answers (GET /healthz, no database involved); node's fetch, no curl in the image.
# compose checks /readyz for the hubs and the IdP's discovery for the sandbox instead.
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||4000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "packages/cli/bin/hub.js", "start"]
