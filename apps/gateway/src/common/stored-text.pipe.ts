// Every string a request carries (GraphQL arguments, form and query fields) is checked here,
// at the edge: text PostgreSQL cannot store (a NUL, another control character, half of a
// surrogate pair) is refused as BAD_USER_INPUT naming the field, before any step is decided.
import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { findUnstorableText } from '../../../../libs/domain/src/input-checks';
import { badInput } from '../../../../libs/domain/src/errors';

/** GraphQL arguments (@nestjs/graphql's GqlParamtype.ARGS, not exported) and HTTP inputs. */
const CHECKED = new Set<unknown>([3, 'body', 'query', 'param']);

@Injectable()
export class StoredTextPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata) {
    if (!CHECKED.has(metadata.type)) return value;
    // An input object's fields are named as the domain names them (`title`, not `input.title`).
    const root = typeof value === 'object' && value !== null ? '' : (metadata.data ?? '');
    const found = findUnstorableText(value, root);
    if (found)
      throw badInput(
        found.field || metadata.data || 'input',
        `"${found.field || metadata.data}" contains ${found.problem}, which cannot be stored: please remove it and try again.`,
      );
    return value;
  }
}
