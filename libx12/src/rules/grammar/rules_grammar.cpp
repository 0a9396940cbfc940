// The rules grammar in Boost.Spirit X3, alone in this translation unit so
// its compile time is paid once. Precedence, lowest first: or, and, not,
// comparison and in, + -, *, unary -, primary.

#include <boost/fusion/include/adapt_struct.hpp>
#include <boost/spirit/home/x3.hpp>
#include <cctype>
#include <string>
#include <tuple>

#include "rules_ast.h"

BOOST_FUSION_ADAPT_STRUCT(x12::detail::ast::operation, op, rhs)
BOOST_FUSION_ADAPT_STRUCT(x12::detail::ast::expression, first, rest)
BOOST_FUSION_ADAPT_STRUCT(x12::detail::ast::unary, op, arg)

namespace x12::detail::ast {
namespace {

namespace x3 = boost::spirit::x3;
using x3::_attr;
using x3::_val;
using x3::lexeme;
using x3::lit;

struct begin_tag;

struct set_range {
  std::size_t offset, end;
  void operator()(tagged &t) const {
    t.offset = offset;
    t.end = end;
  }
  template <class T> void operator()(x3::forward_ast<T> &t) const { (*this)(t.get()); }
};

// Every rule records the byte range it matched (after leading spaces) on
// the nodes that carry one. A rule called for an operand (a primary that
// is a path) is handed the operand, not its own node.
struct annotate {
  template <class It, class Attr, class Context>
  void on_success(const It &first, const It &last, Attr &node, const Context &ctx) const {
    const It &begin = x3::get<begin_tag>(ctx);
    set_range range{static_cast<std::size_t>(first - begin), static_cast<std::size_t>(last - begin)};
    if constexpr (std::is_base_of_v<tagged, Attr>)
      range(node);
    else if constexpr (std::is_same_v<Attr, operand>)
      boost::apply_visitor(range, node);
  }
};

struct or_id : annotate {};
struct and_id : annotate {};
struct not_id : annotate {};
struct cmp_id : annotate {};
struct cmp_tail_id : annotate {};
struct add_id : annotate {};
struct add_tail_id : annotate {};
struct mul_id : annotate {};
struct mul_tail_id : annotate {};
struct neg_id : annotate {};
struct primary_id : annotate {};
struct number_id : annotate {};
struct string_id : annotate {};
struct date_id : annotate {};
struct path_id : annotate {};
struct part_id : annotate {};
struct qualifier_id : annotate {};
struct call_id : annotate {};
struct list_id : annotate {};
struct not_op_id : annotate {};
struct minus_op_id : annotate {};

const x3::rule<or_id, expression> or_expr = "an expression";
const x3::rule<and_id, expression> and_expr = "an expression";
const x3::rule<not_id, operand> not_expr = "an expression";
const x3::rule<cmp_id, expression> cmp_expr = "an expression";
const x3::rule<cmp_tail_id, operation> cmp_tail = "a comparison";
const x3::rule<add_id, expression> add_expr = "a value";
const x3::rule<add_tail_id, operation> add_tail = "a value";
const x3::rule<mul_id, expression> mul_expr = "a value";
const x3::rule<mul_tail_id, operation> mul_tail = "a value";
const x3::rule<neg_id, operand> neg_expr = "a value";
const x3::rule<primary_id, operand> primary = "a value";
const x3::rule<number_id, number_literal> number = "a number";
const x3::rule<string_id, string_literal> string_lit = "a quoted string";
const x3::rule<date_id, date_literal> date_lit = "a date";
const x3::rule<path_id, path> path_r = "a path";
const x3::rule<part_id, part> part_r = "a loop, segment or element";
const x3::rule<qualifier_id, qualifier> qualifier_r = "a qualifier";
const x3::rule<call_id, call> call_r = "a function call";
const x3::rule<list_id, literal_list> list_r = "a list in parentheses";
const x3::rule<not_op_id, unary> not_op = "an expression";
const x3::rule<minus_op_id, unary> minus_op = "a value";

const auto ident_char = x3::alnum | x3::char_('_');
auto keyword(const char *k) { return lexeme[lit(k) >> !ident_char]; }
auto keyword_string(const char *k) { return lexeme[x3::string(k) >> !ident_char]; }
const auto any_keyword = keyword("and") | keyword("or") | keyword("not") | keyword("in");

// Names in paths: loop IDs (2300, 2010AA, ST), segment IDs (NM1), element
// references (CLM05): upper-case letters and digits. Which one a name is
// the compiler decides, against the guide.
const auto name_char = x3::upper | x3::digit;

const auto set_text = [](auto &ctx) {
  auto &range = _attr(ctx);
  _val(ctx).text.assign(range.begin(), range.end());
};

const auto number_def =
    x3::raw[lexeme[+x3::digit >> -('.' >> +x3::digit) >> !(ident_char | '/' | '[' | '.')]][set_text];
const auto date_lit_def =
    x3::raw[lexeme[x3::repeat(4)[x3::digit] >> '-' >> x3::repeat(2)[x3::digit] >> '-' >>
                   x3::repeat(2)[x3::digit] >> !ident_char]][set_text];
const auto string_lit_def =
    lexeme['\'' > x3::raw[*(x3::char_ - '\'')][set_text] > '\''] |
    lexeme['"' > x3::raw[*(x3::char_ - '"')][set_text] > '"'];

const auto qualifier_value = x3::rule<struct qv, std::string>{"a qualifier value"} =
    lexeme['\'' > *(x3::char_ - '\'') > '\''] | lexeme['"' > *(x3::char_ - '"') > '"'] |
    lexeme[x3::string("*")] | lexeme[+(x3::alnum)];
const auto qualifier_element = x3::rule<struct qe, std::string>{"an element"} =
    lexeme[x3::raw[+name_char >> -('-' >> +x3::digit)]] >> '=';
const auto set_qual_element = [](auto &ctx) { _val(ctx).element = _attr(ctx); };
const auto set_qual_values = [](auto &ctx) { _val(ctx).values = std::move(_attr(ctx)); };
const auto qualifier_r_def =
    '[' > -qualifier_element[set_qual_element] > (qualifier_value % ',')[set_qual_values] > ']';

// The byte range of a raw[] match, from its attribute.
template <class Context> std::pair<std::size_t, std::size_t> range_of(const Context &ctx) {
  const auto &begin = x3::get<begin_tag>(ctx);
  const auto &range = _attr(ctx);
  return {static_cast<std::size_t>(range.begin() - begin),
          static_cast<std::size_t>(range.end() - begin)};
}

const auto set_name = [](auto &ctx) {
  auto &range = _attr(ctx);
  _val(ctx).name.assign(range.begin(), range.end());
};
// A part's ranges are set by actions: its rule is handed the list it goes into.
const auto set_part_range = [](auto &ctx) {
  std::tie(_val(ctx).offset, _val(ctx).end) = range_of(ctx);
};
const auto set_qualifier_range = [](auto &ctx) {
  std::tie(_val(ctx).qual->offset, _val(ctx).qual->end) = range_of(ctx);
};
const auto set_component = [](auto &ctx) { _val(ctx).component = _attr(ctx); };
const auto set_qualifier = [](auto &ctx) { _val(ctx).qual = std::move(_attr(ctx)); };
// The component goes right after the element with no space (CLM05-3);
// `CLM02 - 3` is a subtraction.
const auto part_r_def =
    x3::raw[lexeme[x3::raw[+name_char][set_name] >> -('-' >> x3::uint_[set_component])] >>
            -x3::raw[qualifier_r[set_qualifier]][set_qualifier_range]][set_part_range];

const auto set_parts = [](auto &ctx) { _val(ctx).parts = std::move(_attr(ctx)); };
const auto path_r_def = (part_r % '/')[set_parts];

const auto set_call_name = [](auto &ctx) {
  auto &range = _attr(ctx);
  _val(ctx).name.assign(range.begin(), range.end());
};
const auto set_args = [](auto &ctx) {
  for (auto &a : _attr(ctx))
    _val(ctx).args.emplace_back(std::move(a));
};
const auto call_r_def = !any_keyword >>
                        lexeme[x3::raw[x3::lower >> *(x3::lower | x3::digit | '_')]][set_call_name] >>
                        '(' > -(or_expr % ',')[set_args] > ')';

const auto set_items = [](auto &ctx) { _val(ctx).items = std::move(_attr(ctx)); };
const auto list_r_def = '(' > (neg_expr % ',')[set_items] > ')';

const auto primary_def =
    date_lit | number | string_lit | call_r | path_r | ('(' > or_expr > ')');

const auto minus_op_def = x3::string("-") > neg_expr;
const auto neg_expr_def = minus_op | primary;

const auto mul_tail_def = x3::string("*") > neg_expr;
const auto mul_expr_def = neg_expr >> *mul_tail;

const auto add_op = x3::string("+") | x3::string("-");
const auto add_tail_def = add_op > mul_expr;
const auto add_expr_def = mul_expr >> *add_tail;

const auto cmp_op = x3::string("==") | x3::string("!=") | x3::string("<=") | x3::string(">=") |
                    x3::string("<") | x3::string(">");
const auto in_op = keyword_string("in") |
                   (x3::omit[keyword("not") >> keyword("in")] >> x3::attr(std::string("not in")));
const auto cmp_tail_def = (cmp_op > add_expr) | (in_op > list_r);
const auto cmp_expr_def = add_expr >> x3::repeat(0, 1)[cmp_tail];

const auto not_op_def = keyword_string("not") > not_expr;
const auto not_expr_def = not_op | cmp_expr;

const auto and_expr_def = not_expr >> *(keyword_string("and") > not_expr);
const auto or_expr_def = and_expr >> *(keyword_string("or") > and_expr);

BOOST_SPIRIT_DEFINE(or_expr, and_expr, not_expr, cmp_expr, cmp_tail, add_expr, add_tail, mul_expr,
                    mul_tail, neg_expr, primary, number, string_lit, date_lit, path_r, part_r,
                    qualifier_r, call_r, list_r, not_op, minus_op)

} // namespace

// The parser and every walk over the tree recurse once per parenthesis
// and per unary operator; past this depth a deep rule would overflow the
// stack instead of failing to load. Counted before parsing, conservatively.
constexpr std::size_t max_nesting = 256;

namespace {
std::size_t too_deep_at(std::string_view text) {
  std::size_t parens = 0, unary_run = 0;
  char quote = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quote) {
      if (c == quote)
        quote = 0;
      continue;
    }
    bool word_start = (i == 0 || !(std::isalnum(static_cast<unsigned char>(text[i - 1])) || text[i - 1] == '_'));
    if (c == '\'' || c == '"') {
      quote = c;
      unary_run = 0;
    } else if (c == '(') {
      ++parens;
    } else if (c == ')') {
      if (parens)
        --parens;
    } else if (c == '-') {
      ++unary_run;
    } else if (word_start && text.compare(i, 3, "not") == 0 &&
               (i + 3 == text.size() || !(std::isalnum(static_cast<unsigned char>(text[i + 3])) || text[i + 3] == '_'))) {
      ++unary_run;
      i += 2;
    } else if (std::isalnum(static_cast<unsigned char>(c)) || c == '_') {
      unary_run = 0;
    }
    if (parens + unary_run > max_nesting)
      return i;
  }
  return std::string_view::npos;
}
} // namespace

void parse(std::string_view text, const rule_origin &origin, operand &out) {
  if (std::size_t at = too_deep_at(text); at != std::string_view::npos)
    throw rule_error(origin, text, at,
                     "expression nests deeper than " + std::to_string(max_nesting) +
                         " parentheses and unary operators");
  using iterator = std::string_view::const_iterator;
  iterator first = text.begin();
  const iterator begin = text.begin(), end = text.end();
  expression top;
  try {
    const auto grammar = x3::with<begin_tag>(begin)[or_expr];
    bool ok = x3::phrase_parse(first, end, grammar, x3::space, top);
    if (!ok)
      throw rule_error(origin, text, static_cast<std::size_t>(first - begin),
                       text.find_first_not_of(" \t\r\n") == std::string_view::npos
                           ? "expected an expression"
                           : "expected an expression, not '" + std::string(1, *first) + "'");
  } catch (const x3::expectation_failure<iterator> &e) {
    std::size_t at = static_cast<std::size_t>(e.where() - begin);
    throw rule_error(origin, text, at,
                     "expected " + e.which() +
                         (e.where() == end ? std::string()
                                           : ", not '" + std::string(1, *e.where()) + "'"));
  }
  if (first != end)
    throw rule_error(origin, text, static_cast<std::size_t>(first - begin),
                     "unexpected '" + std::string(1, *first) + "'");
  out = std::move(top);
}

} // namespace x12::detail::ast
