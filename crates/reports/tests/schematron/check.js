// Runs a Schematron file against an XML document with node-schematron.
// Usage: node check.js RULES.sch DOCUMENT.xml
// Prints every failed assertion as a JSON line; exits 1 when one is not a warning.
//
// node-schematron does not run `xsl:function` elements, which the Peppol rules use
// (check digits, tolerances). Rather than rewrite those rules by hand, each function
// in the rules file is registered as an XPath function whose body is the function's
// own XPath: parameters and variables are bound in order, then the result expression
// is evaluated. Only the element kinds these functions use are accepted; anything
// else stops the check, so a rule can never be silently skipped.
const fs = require('fs');
const slimdom = require('slimdom');
const fontoxpath = require('fontoxpath');
const { Schema, registerCustomXPathFunction } = require('node-schematron');

const XSL = 'http://www.w3.org/1999/XSL/Transform';
const XS = 'http://www.w3.org/2001/XMLSchema';

function registerFunctions(rulesText) {
  const doc = slimdom.parseXmlDocument(rulesText);
  const functions = Array.from(doc.getElementsByTagNameNS(XSL, 'function'));
  for (const fn of functions) registerFunction(fn);
  return functions.length;
}

function registerFunction(fn) {
  const [prefix, localName] = fn.getAttribute('name').split(':');
  const namespaceURI = fn.lookupNamespaceURI(prefix);
  const options = {
    namespaceResolver: (p) => (p === 'xs' ? XS : fn.lookupNamespaceURI(p)),
    language: fontoxpath.evaluateXPath.XPATH_3_1_LANGUAGE,
  };
  const elements = (node) => Array.from(node.childNodes).filter((c) => c.nodeType === 1);
  const params = elements(fn).filter((c) => c.localName === 'param');
  const returns = fn.getAttribute('as');
  // Arguments arrive untyped and are converted inside the expression: node-schematron
  // hands `let` values over as JavaScript numbers (xs:double), where XSLT would keep
  // the xs:decimal that a parameter such as u:slack's asks for.
  const binds = params.map((p, i) => {
    const type = p.getAttribute('as');
    return `let $${p.getAttribute('name')} := ${type ? `$arg${i} cast as ${type}` : `$arg${i}`} return `;
  });
  const body = translate(localName, elements(fn).filter((c) => c.localName !== 'param'));
  const expression = binds.join('') + (returns ? `((${body}) cast as ${returns})` : body);

  registerCustomXPathFunction(
    { namespaceURI, localName },
    params.map(() => 'item()*'),
    returns || 'item()*',
    (_facade, ...args) => {
      const bound = {};
      args.forEach((a, i) => (bound[`arg${i}`] = single(localName, params[i], a)));
      return fontoxpath.evaluateXPath(expression, null, null, bound, fontoxpath.evaluateXPath.ANY_TYPE, options);
    },
  );
}

// An argument arrives as a list of items; bound as a variable it would become an
// XPath array, so it is passed as its one item (or none).
function single(localName, param, value) {
  if (!Array.isArray(value)) return value;
  if (value.length > 1) throw new Error(`${localName}: $${param.getAttribute('name')} holds several items`);
  return value.length ? value[0] : null;
}

// Turns an XSLT sequence constructor into one XPath 3.1 expression, so sequences
// stay sequences: a variable becomes `let … return`, choose becomes if/else, and
// value-of makes a string as it does in XSLT.
function translate(localName, instructions) {
  const [el, ...rest] = instructions;
  if (!el) throw new Error(`${localName}: an instruction list gives no value`);
  if (el.namespaceURI !== XSL) throw new Error(`${localName}: unexpected <${el.nodeName}>`);
  const elements = (node) => Array.from(node.childNodes).filter((c) => c.nodeType === 1);
  const select = el.getAttribute('select');
  const last = () => {
    if (rest.length) throw new Error(`${localName}: instructions after <xsl:${el.localName}>`);
  };
  switch (el.localName) {
    case 'variable': {
      const inner = elements(el);
      let value = select
        ? `(${select})`
        : inner.length
          ? `(${translate(localName, inner)})`
          : `'${el.textContent.replace(/'/g, "''")}'`;
      if (el.getAttribute('as')) value = `(${value} cast as ${el.getAttribute('as')})`;
      return `let $${el.getAttribute('name')} := ${value} return ${translate(localName, rest)}`;
    }
    case 'value-of':
      last();
      return `string-join((${select}) ! string(.), ' ')`;
    case 'sequence':
      last();
      return `(${select})`;
    case 'choose': {
      last();
      const branches = elements(el);
      const otherwise = branches.find((b) => b.localName === 'otherwise');
      const whens = branches.filter((b) => b.localName === 'when');
      return whens.reduceRight(
        (elseExpr, w) =>
          `if (${w.getAttribute('test')}) then (${translate(localName, elements(w))}) else (${elseExpr})`,
        otherwise ? translate(localName, elements(otherwise)) : '()',
      );
    }
    default:
      throw new Error(`${localName}: <xsl:${el.localName}> is not supported`);
  }
}

const [rules, documentPath] = process.argv.slice(2);
const rulesText = fs.readFileSync(rules, 'utf8');
registerFunctions(rulesText);
const schema = Schema.fromString(rulesText);
const results = schema.validateString(fs.readFileSync(documentPath, 'utf8'));
let failed = 0;
for (const r of results) {
  if (r.isReport) continue;
  const flag = r.assertFlag || r.flag || '';
  console.log(JSON.stringify({ id: r.assertId, flag, message: r.message }));
  if (flag !== 'warning') failed++;
}
process.exit(failed ? 1 : 0);
