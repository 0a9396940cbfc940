// Names for the envelope segments, which no guide schema places.

#include <vector>

#include "x12/schema.h"

namespace x12 {
namespace {

// The guides leave the interchange and group envelopes out (and a
// transaction without a schema has no ST or SE rule), and elements.yaml names
// the ISA elements only by number: these are the names the X12 standard
// gives them.
struct envelope_entry {
  const char *id;
  const char *name;
  std::vector<const char *> elements;
};

const std::vector<segment_rule> &envelope_rules() {
  static const std::vector<segment_rule> rules = [] {
    const envelope_entry table[] = {
        {"ISA",
         "Interchange Control Header",
         {"Authorization Information Qualifier", "Authorization Information",
          "Security Information Qualifier", "Security Information", "Interchange ID Qualifier",
          "Interchange Sender ID", "Interchange ID Qualifier", "Interchange Receiver ID",
          "Interchange Date", "Interchange Time", "Repetition Separator",
          "Interchange Control Version Number", "Interchange Control Number",
          "Acknowledgment Requested", "Interchange Usage Indicator",
          "Component Element Separator"}},
        {"GS",
         "Functional Group Header",
         {"Functional Identifier Code", "Application Sender's Code", "Application Receiver's Code",
          "Date", "Time", "Group Control Number", "Responsible Agency Code",
          "Version / Release / Industry Identifier Code"}},
        {"ST",
         "Transaction Set Header",
         {"Transaction Set Identifier Code", "Transaction Set Control Number",
          "Implementation Convention Reference"}},
        {"SE",
         "Transaction Set Trailer",
         {"Number of Included Segments", "Transaction Set Control Number"}},
        {"GE",
         "Functional Group Trailer",
         {"Number of Transaction Sets Included", "Group Control Number"}},
        {"IEA",
         "Interchange Control Trailer",
         {"Number of Included Functional Groups", "Interchange Control Number"}},
        {"TA1",
         "Interchange Acknowledgment",
         {"Interchange Control Number", "Interchange Date", "Interchange Time",
          "Interchange Acknowledgment Code", "Interchange Note Code"}},
    };
    std::vector<segment_rule> out;
    for (const envelope_entry &e : table) {
      segment_rule r;
      r.id = e.id;
      r.name = e.name;
      for (const char *name : e.elements) {
        element_rule el;
        el.pos = unsigned(r.elements.size() + 1);
        el.name = name;
        r.elements.push_back(std::move(el));
      }
      r.index_elements();
      out.push_back(std::move(r));
    }
    return out;
  }();
  return rules;
}

} // namespace

const segment_rule *envelope_segment_rule(std::string_view id) {
  for (const segment_rule &r : envelope_rules())
    if (r.id == id)
      return &r;
  return nullptr;
}

} // namespace x12
