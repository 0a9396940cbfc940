#pragma once
// The syntax tree of a rule expression, as the X3 grammar (rules_grammar.cpp)
// builds it and the compiler (rules_compile.cpp) reads it. Every node
// carries the byte range of its text, for errors with a caret and for the
// sides a balancing message quotes.

#include <boost/optional.hpp>
#include <boost/spirit/home/x3/support/ast/variant.hpp>
#include <cstddef>
#include <string>
#include <vector>

#include "x12/rules.h"

namespace x12::detail::ast {

namespace x3 = boost::spirit::x3;

struct tagged {
  std::size_t offset = 0, end = 0;
};

/// `[85]`, `['85','87']`, `[HL03=22]`, `[*]` (values {"*"}).
struct qualifier : tagged {
  boost::optional<std::string> element; // "HL03", "HI01-1"
  std::vector<std::string> values;
};

/// One step of a path: a loop ID, a segment ID with an optional qualifier,
/// or an element reference with an optional component ("CLM05-3").
struct part : tagged {
  std::string name;
  boost::optional<qualifier> qual;
  boost::optional<unsigned> component;
};

struct path : tagged {
  std::vector<part> parts;
};

struct number_literal : tagged {
  std::string text;
};
struct string_literal : tagged {
  std::string text;
};
struct date_literal : tagged {
  std::string text;
};

struct call;
struct unary;
struct expression;
struct literal_list;

struct operand
    : x3::variant<number_literal, string_literal, date_literal, path, x3::forward_ast<call>,
                  x3::forward_ast<unary>, x3::forward_ast<expression>,
                  x3::forward_ast<literal_list>> {
  using base_type::base_type;
  using base_type::operator=;
};

struct call : tagged {
  std::string name;
  std::vector<operand> args;
};

/// `- x` or `not x`.
struct unary : tagged {
  std::string op;
  operand arg;
};

/// The right side of `in` / `not in`.
struct literal_list : tagged {
  std::vector<operand> items;
};

struct operation : tagged {
  std::string op; // or and == != < <= > >= in "not in" + - *
  operand rhs;
};

/// `first op rhs op rhs ...` at one precedence level, left to right.
struct expression : tagged {
  operand first;
  std::vector<operation> rest;
};

/// Parses `text` into `out`. Throws x12::error (rule_error) on failure.
void parse(std::string_view text, const rule_origin &origin, operand &out);

} // namespace x12::detail::ast

namespace x12 {
struct rule_expression::tree {
  std::string text;
  rule_origin origin;
  detail::ast::operand root;
};
} // namespace x12
