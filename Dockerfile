# imp-intake: build with dev dependencies, run compiled JavaScript with production dependencies only.
#   docker build -t imp-intake .
#   docker run -p 3978:3978 -v imp-data:/data --env-file .env imp-intake
# With Azure Bot Service, .env holds the bot's identity (clientId, clientSecret, tenantId, authType;
# or the older MicrosoftAppId, MicrosoftAppPassword, MicrosoftAppTenantId): see docs/agents-sdk.md.
# The Agents SDK needs node >= 20.19 (it loads an ES module with require()).
# test/deploy/production.test.ts runs this file's npm commands and COPY lines (without Docker),
# so keep every command here on one RUN line per npm call.

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY flows ./flows
COPY web ./web
COPY scripts ./scripts
RUN npm run build

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3978 DATA_DIR=/data
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY flows ./flows
COPY web/index.html ./web/index.html
COPY --from=build /app/dist/src ./dist/src
COPY --from=build /app/public/build ./public/build
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME /data
EXPOSE 3978
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3978) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
STOPSIGNAL SIGTERM
CMD ["node", "--max-semi-space-size=8", "dist/src/server.js"]
