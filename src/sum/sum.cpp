#include "sum/sum.hpp"

#include <algorithm>
#include <map>
#include <memory>
#include <set>

#include "check/check.hpp"
#include "cli/diagnostics_out.hpp"
#include "cli/extract.hpp"
#include "cli/init.hpp"
#include "cli/pdf_module.hpp"
#include "cli/pipeline.hpp"
#include "cli/safe_write.hpp"
#include "cli/toml_edit.hpp"
#include "compose/document.hpp"
#include "core/json.hpp"
#include "core/toml_util.hpp"
#include "data/figures_json.hpp"

namespace nb::sum {

namespace {

// One report read: valid (checked) or, failing a check, its figures as far as they derive.
struct Entry {
  std::string path;
  Diagnostics diags;
  std::optional<check::CheckedReport> checked;
  std::unique_ptr<input::Report> failed;     // a report failing a check, kept for `derived`
  std::optional<check::Figures> derived;
  const input::Report* report() const { return checked ? &checked->input() : failed.get(); }
  const check::Figures* figures() const { return checked ? &checked->figures() : derived ? &*derived : nullptr; }
};

bool is_pdf(const std::string& path) { return path.ends_with(".pdf"); }

// The input's text: a TOML file, or the input a PDF carries (build --attach),
// read by the program `reader`. Null when there is none, with `code` 3 (the file
// cannot be read) or 1 (a PDF that carries no input nianbao could have written).
SourceRef load(const std::string& path, const std::string& reader, Diagnostics& d, int& code) {
  code = 3;
  if (!is_pdf(path)) return read_source(path, d);
  const pdf::ReadPdf p = cli::read_pdf_file(reader, path);
  if (!p.error.empty()) {
    d.add({Severity::Error, {}, p.error, path});
    return nullptr;
  }
  const cli::AttachedSource source = cli::attached_source(p);
  if (!source.file) {
    if (source.fault != cli::AttachedSource::Fault::Unreadable) code = 1;
    const bool absent = source.fault == cli::AttachedSource::Fault::Absent;
    d.add({Severity::Error, {},
           source.message + (absent ? "：它不是用 nianbao build --attach 生成的，" : "：") + "请改用报送单位的 TOML 文件", path});
    return nullptr;
  }
  return std::make_shared<SourceFile>(SourceFile{path + " 中的 " + source.file->name, source.file->bytes});
}

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string o = "\"";
  for (char c : s) o += c == '"' ? std::string("\"\"") : std::string(1, c);
  return o + "\"";
}

struct Column {
  const layout::Section* section;
  const layout::Table* table;
  int field, column;
  std::string header;
};

}  // namespace

int sum_reports(cli::Env& env, const std::vector<std::string>& inputs, const Options& o, std::ostream& err) {
  const cli::DiagnosticStyle style{o.color, false};
  auto fail = [&](const std::string& message, int code) {
    cli::print_diagnostic({Severity::Error, {}, message, "nianbao sum"}, style, err);
    return code;
  };
  // Read and check every report.
  std::vector<std::unique_ptr<Entry>> entries;
  // The reader program, found once, and only when there are PDFs to read.
  const std::string reader = std::any_of(inputs.begin(), inputs.end(), is_pdf) ? cli::pdf_reader() : "";
  int unusable = 0, unusable_code = 0;
  for (const auto& path : inputs) {
    auto e = std::make_unique<Entry>();
    e->path = path;
    int code = 0;
    SourceRef src = load(path, reader, e->diags, code);
    if (src) {
      if (auto report = cli::read_report(env, src, e->diags)) {
        e->checked = check::run(std::move(*report), {}, e->diags);
        if (!e->checked) {  // read again for the figures as far as they go
          Diagnostics scratch;
          if (auto again = cli::read_report(env, src, scratch)) {
            e->failed = std::make_unique<input::Report>(std::move(*again));
            e->derived = check::derive(*e->failed, scratch);
          }
        }
      }
    } else {
      ++unusable;
      unusable_code = std::max(unusable_code, code);
    }
    for (const auto& d : e->diags.list())  // the errors: warnings are for the agency, not the summary
      if (d.severity == Severity::Error) cli::print_diagnostic(d, style, err);
    entries.push_back(std::move(e));
  }
  if (unusable)
    return fail(std::to_string(unusable) + " 个文件无法汇总（见上：无法读取，或 PDF 没有附带输入文件）：没有写出汇总", unusable_code);
  // One format, one year, each organ once.
  std::set<std::pair<std::string, int>> kinds;
  for (const auto& e : entries)
    if (const input::Report* r = e->report()) kinds.insert({r->layout->id, r->year});
  if (kinds.size() > 1) {
    std::string list;
    for (const auto& e : entries)
      if (const input::Report* r = e->report())
        list += (list.empty() ? "" : "；") + e->path + " 为 " + r->layout->id + " 格式、" + std::to_string(r->year) + " 年度";
    return fail("只能汇总同一年度、同一格式的报告，这些文件不同：" + list + "。请分开汇总", 1);
  }
  std::map<std::string, std::string> organs;
  for (const auto& e : entries) {
    const input::Report* r = e->report();
    if (!r) continue;
    auto [it, fresh] = organs.emplace(r->organ, e->path);
    if (!fresh)
      return fail("发布机关“" + r->organ + "”有两份报告：" + it->second + " 和 " + e->path + "：请只保留一份", 1);
  }
  std::vector<const Entry*> in;
  std::vector<std::string> left_out;
  for (const auto& e : entries) {
    const bool take = e->checked || (o.include_invalid && e->figures());
    if (take) in.push_back(e.get());
    else left_out.push_back(e->path);
  }
  for (const auto& p : left_out)
    err << p << ": 警告: 未通过检查" << (o.include_invalid ? "且数字无法推算" : "") << "，未计入汇总"
        << (o.include_invalid ? "" : "（要计入请加 --include-invalid）") << '\n';
  if (in.empty()) return fail("没有可以汇总的报告", 1);
  const layout::Layout& l = *in[0]->report()->layout;
  const int year = in[0]->report()->year;

  // The cells, in the layout's order, and each field's unit (元 when 元 and 万元 mix).
  std::vector<Column> columns;
  std::map<std::string, std::string> unit;  // by "section.field"
  std::set<std::string> present;             // fields some report gives
  for (const auto& s : l.sections) {
    const layout::Table* t = l.table_for(s);
    if (!t) continue;
    for (size_t fi = 0; fi < t->fields.size(); ++fi) {
      const layout::Field& f = t->fields[fi];
      const std::string key = s.key + "." + f.key;
      std::set<std::string> units;
      for (const Entry* e : in)
        if (const input::FieldValue* fv = e->figures()->value(t->id, f.key)) {
          present.insert(key);
          bool money = false;
          for (size_t c = 0; c < fv->cells.size(); ++c)
            money = money || (f.types[c] == layout::FigureType::Amount && fv->cells[c].value != 0);
          if (money) units.insert(fv->unit);
        }
      if (units.size() > 1 && units.count(""))
        return fail("“" + f.label + "”的金额有的报告写了单位，有的没有写（" + key +
                        "_unit）：单位不明的金额无法相加，请先补上单位",
                    1);
      unit[key] = units.size() == 1 ? *units.begin() : units.empty() ? "" : "元";
      if (!present.count(key) && f.optional) continue;
      for (size_t c = 0; c < f.types.size(); ++c) columns.push_back({&s, t, static_cast<int>(fi), static_cast<int>(c), ""});
    }
  }
  auto value = [&](const Entry* e, const Column& c) -> int64_t {
    const layout::Field& f = c.table->fields[c.field];
    const input::FieldValue* fv = e->figures()->value(c.table->id, f.key);
    if (!fv || c.column >= static_cast<int>(fv->cells.size())) return 0;
    int64_t v = fv->cells[c.column].value;
    if (f.types[c.column] == layout::FigureType::Amount && unit[c.section->key + "." + f.key] == "元" && fv->unit == "万元")
      v *= 10000;
    return v;
  };
  std::vector<int64_t> total(columns.size(), 0);
  for (const Entry* e : in)
    for (size_t i = 0; i < columns.size(); ++i) total[i] += value(e, columns[i]);

  // The summed report: init's template for the format, the sums written into it.
  cli::TemplateRequest req;
  req.year = year;
  req.format = l.id;
  req.organ = o.organ;
  for (const auto& k : cli::optional_rows(l))
    for (const auto& s : l.sections)
      if (present.count(s.key + "." + k)) req.with.push_back(k);
  const cli::Template t = cli::make_template(env.layouts, req);
  if (!t.error.empty()) return fail(t.error, 1);
  std::vector<cli::Edit> edits;
  for (size_t i = 0; i < columns.size();) {
    const Column& c = columns[i];
    const layout::Field& f = c.table->fields[c.field];
    std::string cells;
    size_t n = 0;
    for (; i + n < columns.size() && columns[i + n].table == c.table && columns[i + n].field == c.field; ++n)
      cells += (n ? ", " : "") + layout::format_figure(total[i + n], f.types[columns[i + n].column]);
    edits.push_back({{c.section->key, f.key}, n == 1 ? cells : "[" + cells + "]"});
    if (const std::string& u = unit[c.section->key + "." + f.key]; !u.empty())
      edits.push_back({{c.section->key, f.key + "_unit"}, cli::toml_string(u, false)});
    i += n;
  }
  const cli::Edited summed = cli::apply_edits(t.text, edits);
  if (!summed.error.empty()) return fail("内部错误：无法写出汇总的 TOML（" + summed.error + "）", 3);

  // The summed report checked and composed: the labels of its cells.
  auto src = std::make_shared<SourceFile>(SourceFile{o.out + ".toml", summed.text});
  Diagnostics sd;
  std::optional<check::CheckedReport> sum_checked;
  if (auto r = cli::read_report(env, src, sd)) sum_checked = check::run(std::move(*r), {}, sd);
  bool sum_fails = false;
  if (!sum_checked) {
    cli::print_diagnostics(sd, style, err);
    const bool invalid_in = std::any_of(in.begin(), in.end(), [](const Entry* e) { return !e->checked; });
    if (!invalid_in) return fail("汇总的数字未通过检查（见上，多为超出上限）：没有写出汇总", 1);
    sum_fails = true;  // it holds reports failing a check (--include-invalid): written, and said
  }
  // The labels of the cells, as the composed report heads them: the summed
  // report's, or (when it fails a check) those of a report that passed.
  std::map<std::pair<std::string, int>, std::string> labels;
  const check::CheckedReport* labelled = sum_checked ? &*sum_checked : nullptr;
  for (const Entry* e : in)
    if (!labelled && e->checked) labelled = &*e->checked;
  if (labelled) {
    const json::Object fig = json::Object::parse(data::figures_json(compose::compose(*labelled)));
    for (const auto& table : fig["tables"])
      for (const auto& cell : table["cells"]) {
        std::string h;
        for (const auto& lab : cell["labels"]) h += (h.empty() ? "" : " / ") + lab.get<std::string>();
        labels[{cell["key"].get<std::string>(), cell["column"].get<int>()}] = h;
      }
  }
  Sheet sheet;
  sheet.header = {"文件", "发布机关"};
  for (auto& c : columns) {
    const std::string key = c.section->key + "." + c.table->fields[c.field].key;
    c.header = labels.count({key, c.column + 1}) ? labels[{key, c.column + 1}] : key + "[" + std::to_string(c.column + 1) + "]";
    const std::string& u = unit[key];
    if (c.table->fields[c.field].types[c.column] == layout::FigureType::Amount)
      c.header += "（" + (u.empty() ? std::string("万元") : u) + "）";
    sheet.header.push_back(c.header);
  }
  for (const Entry* e : in) {
    std::vector<std::string> row{e->path, e->report()->organ};
    for (const auto& c : columns) row.push_back(layout::format_figure(value(e, c), c.table->fields[c.field].types[c.column]));
    sheet.rows.push_back(std::move(row));
  }
  std::vector<std::string> sum_row{"合计", o.organ};
  for (size_t i = 0; i < columns.size(); ++i)
    sum_row.push_back(layout::format_figure(total[i], columns[i].table->fields[columns[i].field].types[columns[i].column]));
  sheet.rows.push_back(std::move(sum_row));

  // Written: the workbook first (the likeliest to fail), then the CSV and the TOML.
  std::string csv = "\xEF\xBB\xBF";
  auto line = [&](const std::vector<std::string>& cells) {
    for (size_t i = 0; i < cells.size(); ++i) csv += (i ? "," : "") + csv_field(cells[i]);
    csv += "\r\n";
  };
  line(sheet.header);
  for (const auto& r : sheet.rows) line(r);
  if (const std::string e = write_xlsx(o.out + ".xlsx", sheet, o.organ + std::to_string(year) + "年政府信息公开工作年度报告汇总");
      !e.empty())
    return fail(e, 3);
  for (const auto& [path, text] : {std::pair{o.out + ".csv", csv}, std::pair{o.out + ".toml", summed.text}})
    if (auto e = cli::write_atomically(path, text)) {
      cli::print_diagnostic(e->diagnostic(), style, err);
      return 3;
    }
  err << "已汇总 " << in.size() << " 份报告（" << l.id << " 格式，" << year << " 年度）→ " << o.out << ".csv、" << o.out
      << ".xlsx、" << o.out << ".toml";
  if (!left_out.empty()) err << "；" << left_out.size() << " 份未计入（见上）";
  err << '\n';
  if (sum_fails)
    cli::print_diagnostic({Severity::Warning, {}, "计入了未通过检查的报告，汇总的数字也不能通过检查（见上）：" + o.out +
                                                      ".toml 需改正后才能生成 PDF",
                           o.out + ".toml"},
                          style, err);
  return left_out.empty() && !sum_fails ? 0 : 1;
}

}  // namespace nb::sum
