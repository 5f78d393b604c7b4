import { Lexer, Source, TokenKind } from 'graphql';

/**
 * Lexical tokens of a GraphQL document (comments excluded, as graphql-js's parser counts them for
 * its own `maxTokens`), counted with graphql-js's Lexer and stopping as soon as `limit` is passed:
 * the answer is exact up to `limit`, and `limit + 1` means "more". A lexical error ends the count
 * (the parser reports it).
 */
export function countTokens(body: string, limit: number): number {
  const lexer = new Lexer(new Source(body));
  let count = 0;
  try {
    while (count <= limit && lexer.advance().kind !== TokenKind.EOF) count += 1;
  } catch {
    // Invalid text: the parser names the error; the count so far stands.
  }
  return count;
}
