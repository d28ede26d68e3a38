// The command line's arguments through node:util parseArgs, its problems as
// the UsageErrors of www/lib/cli-messages.js, so they come in the person's
// language with the words the commands always had.
import { parseArgs } from 'node:util';
import { UsageError } from '../lib/cli-messages.js';

/**
 * parseArgs in strict mode over `args`.
 * @param {string[]} args
 * @param {object} options parseArgs' options ({name: {type, multiple?, short?}})
 * @param {boolean} [allowPositionals]
 * @returns {{values: object, positionals: string[]}}
 * @throws UsageError unknown-option {value}, needs-value {flag}, unexpected-argument {value}
 */
export function parseCommandLine(args, options, allowPositionals = false) {
  try {
    const { values, positionals } = parseArgs({ args, options, allowPositionals, strict: true });
    return { values, positionals };
  } catch (e) {
    throw usageError(e, args, options) ?? e;
  }
}

// parseArgs' error says what went wrong but names the argument only in its
// English message: the argument comes from the same arguments parsed again
// without strictness, as tokens (each with its index in `args`). Strict mode
// stops at the first faulty token, so the first one of the error's kind is it.
function usageError(error, args, options) {
  const { tokens } = parseArgs({ args, options, allowPositionals: true, strict: false, tokens: true });
  const known = (t) => t.kind === 'option' && Object.hasOwn(options, t.name);
  let token;
  switch (error?.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      token = tokens.find((t) => t.kind === 'option' && !known(t));
      // The whole argument, as typed: "--bogus=1", "-hx".
      return token && new UsageError('unknown-option', { value: args[token.index] });
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      token = tokens.find((t) => known(t) && badValue(t, options[t.name].type));
      if (!token) return null;
      // "--offline=yes": a switch given a value is no option of the command.
      if (options[token.name].type === 'boolean') return new UsageError('unknown-option', { value: args[token.index] });
      // "--zone" last, or "--zone --domain x": a value that starts with "-" goes as --zone=-x.
      return new UsageError('needs-value', { flag: `--${token.name}` });
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      token = tokens.find((t) => t.kind === 'positional');
      return token && new UsageError('unexpected-argument', { value: token.value });
    default:
      return null;
  }
}

// What strict mode refuses in a known option's value (node's lib/internal/util/parse_args).
function badValue(token, type) {
  if (type === 'boolean') return token.value !== undefined;
  if (token.value === undefined) return true;
  return !token.inlineValue && token.value.length > 1 && token.value.startsWith('-');
}
