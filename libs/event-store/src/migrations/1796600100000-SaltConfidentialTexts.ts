import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A MEETING_GROUP event's commitment to a text is the SHA-256 of a random salt and the text,
 * so that nobody can confirm a guess of the text from the audit trail. The salt is kept with
 * the text (shown to those who may read the text, so they can check the commitment). Texts
 * recorded before keep a null salt: their commitment is the SHA-256 of the text alone.
 */
export class SaltConfidentialTexts1796600100000 implements MigrationInterface {
  name = 'SaltConfidentialTexts1796600100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE confidential_texts ADD COLUMN salt bytea CHECK (octet_length(salt) = 32)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE confidential_texts DROP COLUMN salt`);
  }
}
