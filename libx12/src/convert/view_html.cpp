// The view as one self-contained HTML page, written as it goes: inline CSS,
// no scripts, no external resources; interchanges, groups, transactions and
// loops fold with <details>; every value is escaped. The markup is also
// well-formed XML (open="", closed empty elements), so XML tools can check it.

#include <fmt/format.h>

#include "convert/view_render.h"

namespace x12::detail {
namespace {

constexpr std::string_view style = R"(
:root{--fg:#1f2328;--muted:#656d76;--line:#d0d7de;--loop:#8250df;--seg:#9a6700;--ref:#0550ae;
--val:#116329;--bad:#cf222e;--warn:#9a6700;--flag:#ffebe9;--bg:#fff}
@media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--muted:#8d96a0;--line:#30363d;
--loop:#d2a8ff;--seg:#e3b341;--ref:#79c0ff;--val:#7ee787;--bad:#ff7b72;--warn:#e3b341;
--flag:#3d1d20;--bg:#0d1117}}
body{margin:1.5rem;font:14px/1.45 system-ui,sans-serif;color:var(--fg);background:var(--bg)}
h1{font:600 1rem ui-monospace,SFMono-Regular,Menlo,monospace;margin:0 0 .75rem}
section{margin-bottom:2rem}
details{margin:.2rem 0 .2rem .35rem;padding-left:.9rem;border-left:2px solid var(--line)}
summary{cursor:pointer;margin-left:-.9rem;font-weight:600}
summary .id{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;color:var(--loop)}
.seg{margin:.3rem 0}
.raw{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;white-space:pre-wrap;
overflow-wrap:anywhere}
.raw b{color:var(--seg)}
.name{color:var(--muted);margin-left:1.5em}
.unplaced .raw{background:var(--flag)}
.unplaced .name,.note.error{color:var(--bad)}
.note{margin:.1rem 0 .1rem 1.5rem;font-family:ui-monospace,SFMono-Regular,Menlo,monospace}
.note.warning{color:var(--warn)}
.note.info{color:var(--muted)}
table{border-collapse:collapse;margin:.1rem 0 .1rem 1.5rem}
td{padding:0 1.2em 0 0;vertical-align:top}
td.ref{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;color:var(--ref)}
td.unused{color:var(--muted);font-style:italic}
td.value{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;color:var(--val);
font-weight:600;white-space:pre-wrap;overflow-wrap:anywhere}
td.value span{color:var(--muted);font:400 14px system-ui,sans-serif;margin-left:.8em}
)";

constexpr std::string_view block_class(view_block kind) {
  switch (kind) {
  case view_block::interchange:
    return "interchange";
  case view_block::group:
    return "group";
  case view_block::transaction:
    return "transaction";
  case view_block::loop:
    return "loop";
  }
  return {};
}

class html_renderer : public view_renderer {
public:
  html_renderer(output_file &out, const view_options &options)
      : out_(out), several_(options.several_inputs) {}

  void begin_input(std::string_view name) override {
    begin_page(several_ ? std::string_view("X12 view") : name);
    out_.write("<section>\n<h1>");
    escaped(name);
    out_.write("</h1>\n");
  }
  void end_input() override { out_.write("</section>\n"); }

  void open(view_block kind, std::string_view id, std::string_view title, unsigned) override {
    out_.write(fmt::format("<details open=\"\" class=\"{}\"><summary><span class=\"id\">",
                           block_class(kind)));
    escaped(id);
    out_.write("</span> ");
    escaped(title);
    out_.write("</summary>\n");
  }
  void close(view_block) override { out_.write("</details>\n"); }

  void segment(const view_segment &s, unsigned) override {
    out_.write(s.unplaced ? "<div class=\"seg unplaced\"><code class=\"raw\"><b>"
                          : "<div class=\"seg\"><code class=\"raw\"><b>");
    escaped(s.id);
    out_.write("</b>");
    escaped(std::string_view(s.text).substr(s.id.size()));
    out_.write("</code>");
    if (s.unplaced || !s.name.empty()) {
      out_.write("<span class=\"name\">");
      escaped(s.unplaced ? std::string_view("not placed by the guide") : s.name);
      out_.write("</span>");
    }
    if (!s.elements.empty())
      out_.write("\n<table>");
    for (const view_element &e : s.elements) {
      out_.write("<tr><td class=\"ref\">");
      escaped(e.ref);
      out_.write(e.not_used ? "</td><td class=\"unused\">not used by the guide"
                            : "</td><td>");
      if (!e.not_used)
        escaped(e.name);
      out_.write("</td><td class=\"value\">");
      escaped(e.value);
      if (!e.description.empty()) {
        out_.write("<span>");
        escaped(e.description);
        out_.write("</span>");
      }
      out_.write("</td></tr>\n");
    }
    out_.write(s.elements.empty() ? "</div>\n" : "</table></div>\n");
  }

  void note(const finding &f, unsigned) override {
    out_.write(fmt::format("<p class=\"note {}\">! {}: ", to_string(f.level), to_string(f.level)));
    escaped(f.message);
    out_.write(" [");
    escaped(f.code);
    out_.write("]</p>\n");
  }

  void finish() override {
    begin_page("X12 view");
    out_.write("</body>\n</html>\n");
  }

private:
  void begin_page(std::string_view title) {
    if (begun_)
      return;
    begun_ = true;
    out_.write("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
               "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
               "<title>");
    escaped(title);
    out_.write("</title>\n<style>");
    out_.write(style);
    out_.write("</style>\n</head>\n<body>\n");
  }

  void escaped(std::string_view text) {
    std::size_t from = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
      std::string_view entity;
      switch (text[i]) {
      case '&':
        entity = "&amp;";
        break;
      case '<':
        entity = "&lt;";
        break;
      case '>':
        entity = "&gt;";
        break;
      case '"':
        entity = "&quot;";
        break;
      case '\'':
        entity = "&#39;";
        break;
      default:
        continue;
      }
      out_.write(text.substr(from, i - from));
      out_.write(entity);
      from = i + 1;
    }
    out_.write(text.substr(from));
  }

  output_file &out_;
  bool several_;
  bool begun_ = false;
};

} // namespace

std::unique_ptr<view_renderer> make_html_renderer(output_file &out, const view_options &options) {
  return std::make_unique<html_renderer>(out, options);
}

} // namespace x12::detail
