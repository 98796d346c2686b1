// Gateway process: GraphQL over HTTP at /graphql and GET /health.
import { gatewayConfigFromEnv } from './config';
import { createGatewayApp } from './gateway-app';

async function main() {
  const config = gatewayConfigFromEnv();
  const app = await createGatewayApp(config);
  try {
    await app.listen(config.port, config.host);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE')
      throw new Error(
        `Port ${config.port} is already in use. Stop the other program or set PORT to a free port.`,
      );
    throw err;
  }
  const shown = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  console.log(`Gateway ready: http://${shown.includes(':') ? `[${shown}]` : shown}:${config.port}/graphql`);
}

main().catch((err: Error) => {
  console.error(`The gateway stopped: ${err.message}`);
  if (process.env.DEBUG) console.error(err);
  process.exit(1);
});
