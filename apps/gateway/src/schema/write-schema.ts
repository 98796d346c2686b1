// `npm run schema`: writes apps/gateway/schema.gql from the code.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildGatewaySchema, printGatewaySchema } from './gateway-schema';

const target = join(process.cwd(), 'apps/gateway/schema.gql');

buildGatewaySchema()
  .then((schema) => {
    writeFileSync(target, printGatewaySchema(schema));
    console.log(`Wrote ${target}`);
  })
  .catch((err: Error) => {
    console.error(`Could not build the schema: ${err.message}`);
    process.exit(1);
  });
