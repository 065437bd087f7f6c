// The quoters live in shared/sql (the renderer shows SQL too); core code imports them from here.
export {
  MAX_IDENTIFIER_BYTES,
  identQuoter,
  isBareIdentifier,
  quoteIdent,
  quoteIdentAlways,
  quoteLiteral,
  quoteNullableLiteral,
  quoteQualified,
} from '../../shared/sql/quote-ident.js';
