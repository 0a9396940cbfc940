// The text side of rules: parsing an expression (the grammar is in
// grammar/rules_grammar.cpp), load errors with a caret, the tree as an
// S-expression, and CCYYMMDD dates as day numbers.

#include "rules/grammar/rules_ast.h"
#include "rules/rules_compiled.h"

namespace x12 {

namespace ast = detail::ast;

error rule_error(const rule_origin &origin, std::string_view text, std::size_t offset,
                 const std::string &message) {
  offset = std::min(offset, text.size());
  std::size_t line_start = text.rfind('\n', offset == 0 ? 0 : offset - 1);
  line_start = line_start == std::string_view::npos || offset == 0 ? 0 : line_start + 1;
  if (offset > 0 && text[offset - 1] == '\n')
    line_start = offset;
  std::size_t line_end = text.find('\n', offset);
  if (line_end == std::string_view::npos)
    line_end = text.size();
  std::string_view line = text.substr(line_start, line_end - line_start);
  std::string caret;
  for (std::size_t i = line_start; i < offset; ++i)
    caret += text[i] == '\t' ? '\t' : ' ';
  caret += '^';
  std::string what = (origin.field.empty() ? "" : origin.field + ": ") + message;
  error_position where{origin.file, 0, origin.line, origin.column};
  if (origin.exact && origin.line)
    where.column = origin.column + static_cast<unsigned>(offset);
  else if (origin.line && offset)
    what += " (character " + std::to_string(offset + 1) + " of the expression)";
  what += "\n  " + std::string(line) + "\n  " + caret;
  return error(std::move(what), where);
}

rule_expression rule_expression::parse(std::string_view text, const rule_origin &origin) {
  auto t = std::make_shared<tree>();
  t->text = std::string(text);
  t->origin = origin;
  ast::parse(t->text, origin, t->root);
  rule_expression e;
  e.tree_ = std::move(t);
  return e;
}

const std::string &rule_expression::text() const noexcept { return tree_->text; }

namespace {

// S-expressions of the tree, for tests.
struct dumper {
  std::string operator()(const ast::number_literal &n) const { return n.text; }
  std::string operator()(const ast::string_literal &s) const { return "'" + s.text + "'"; }
  std::string operator()(const ast::date_literal &d) const { return "#" + d.text; }
  std::string operator()(const ast::path &p) const {
    std::string out;
    for (const ast::part &x : p.parts) {
      if (!out.empty())
        out += '/';
      out += x.name;
      if (x.component)
        out += "-" + std::to_string(*x.component);
      if (x.qual) {
        out += '[';
        if (x.qual->element)
          out += *x.qual->element + "=";
        for (std::size_t i = 0; i < x.qual->values.size(); ++i)
          out += (i ? "," : "") + x.qual->values[i];
        out += ']';
      }
    }
    return out;
  }
  std::string operator()(const ast::call &c) const {
    std::string out = "(" + c.name;
    for (const ast::operand &a : c.args)
      out += " " + boost::apply_visitor(*this, a);
    return out + ")";
  }
  std::string operator()(const ast::unary &u) const {
    return "(" + u.op + " " + boost::apply_visitor(*this, u.arg) + ")";
  }
  std::string operator()(const ast::literal_list &l) const {
    std::string out = "(";
    for (std::size_t i = 0; i < l.items.size(); ++i)
      out += (i ? " " : "") + boost::apply_visitor(*this, l.items[i]);
    return out + ")";
  }
  std::string operator()(const ast::expression &e) const {
    std::string out = boost::apply_visitor(*this, e.first);
    for (const ast::operation &o : e.rest)
      out = "(" + o.op + " " + out + " " + boost::apply_visitor(*this, o.rhs) + ")";
    return out;
  }
};

} // namespace

std::string rule_expression::dump() const { return boost::apply_visitor(dumper{}, tree_->root); }

namespace detail {

bool days_of(std::string_view d, std::int32_t &days) noexcept {
  if (d.size() != 8)
    return false;
  for (char c : d)
    if (c < '0' || c > '9')
      return false;
  int y = (d[0] - '0') * 1000 + (d[1] - '0') * 100 + (d[2] - '0') * 10 + (d[3] - '0');
  unsigned m = unsigned((d[4] - '0') * 10 + (d[5] - '0'));
  unsigned dd = unsigned((d[6] - '0') * 10 + (d[7] - '0'));
  static constexpr unsigned month_days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  if (m < 1 || m > 12 || dd < 1 || dd > month_days[m - 1] || (m == 2 && dd == 29 && !leap))
    return false;
  // Days from civil (H. Hinnant's algorithm).
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + dd - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  days = era * 146097 + static_cast<int>(doe) - 719468;
  return true;
}

} // namespace detail

} // namespace x12
