// Request validation: query strings and path parameters arrive as text, so they are coerced
// ("10" -> 10, "true" -> true); JSON bodies are not, so `{"enabled": null}` or `{"size": "12"}`
// is a 400 naming the field instead of a silent guess. Free-form fields are bounded in depth and
// size by one keyword, declared with them in src/protocol/free-form.ts.
import { Ajv, type ErrorObject, type FuncKeywordDefinition, type Options } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';
import {
  FREE_FORM_KEYWORD,
  freeFormProblem,
  type FreeFormLimits,
} from '../../src/protocol/free-form.ts';

function checkFreeForm(limits: FreeFormLimits, data: unknown): boolean {
  const problem = freeFormProblem(data, limits);
  // Ajv adds the field's path; the error handler turns it into `invalid_field:<field>`.
  checkFreeForm.errors = problem ? [{ keyword: FREE_FORM_KEYWORD, message: problem }] : [];
  return problem === undefined;
}
checkFreeForm.errors = [] as Partial<ErrorObject>[];

const freeFormKeyword: FuncKeywordDefinition = {
  keyword: FREE_FORM_KEYWORD,
  schemaType: 'object',
  errors: true,
  validate: checkFreeForm,
};

function makeAjv(options: Options): Ajv {
  const ajv = new Ajv({
    removeAdditional: false,
    useDefaults: true,
    allErrors: false,
    strict: false,
    ...options,
  });
  addFormats.default(ajv);
  ajv.addKeyword(freeFormKeyword);
  return ajv;
}

export function validatorCompiler(): FastifySchemaCompiler<unknown> {
  const coercing = makeAjv({ coerceTypes: 'array' });
  const strict = makeAjv({ coerceTypes: false });
  return ({ schema, httpPart }) =>
    (httpPart === 'body' ? strict : coercing).compile(schema as object) as ReturnType<
      FastifySchemaCompiler<unknown>
    >;
}
