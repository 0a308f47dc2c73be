#include "cli/extract.hpp"

#include <filesystem>
#include <fstream>
#include <iterator>

#include <toml++/toml.h>

#include "cli/diagnostics_out.hpp"
#include "cli/safe_write.hpp"
#include "core/limits.hpp"
#include "core/toml_util.hpp"
#include "core/utf8.hpp"

namespace fs = std::filesystem;

namespace nb::cli {

pdf::ReadPdf read_pdf_file(const std::string& reader, const std::string& path, std::string* kept) {
  pdf::ReadPdf out;
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    out.error = "这是一个文件夹，不是 PDF 文件";
    return out;
  }
  if (!fs::exists(path, ec)) {
    out.error = "文件不存在：请检查路径和文件名";
    return out;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    out.error = "无法读取文件，请检查权限";
    return out;
  }
  std::string bytes = read_at_most(in, limits::kPdfBytes);
  if (bytes.size() > limits::kPdfBytes) {
    out.error = "文件过大（上限 " + std::to_string(limits::kPdfBytes / 1024 / 1024) + " MB）：年报的 PDF 通常不到 2 MB";
    return out;
  }
  out = pdf::read(bytes, reader);
  if (kept) *kept = std::move(bytes);
  return out;
}

const pdf::ReadAttachment* attachment(const pdf::ReadPdf& pdf, const std::string& relationship, const std::string& suffix) {
  for (const auto& a : pdf.attachments)
    if (a.relationship == relationship && a.name.size() >= suffix.size() &&
        a.name.compare(a.name.size() - suffix.size(), suffix.size(), suffix) == 0)
      return &a;
  return nullptr;
}

namespace {

// Why an attached input is not a TOML file nianbao could have written (its type,
// UTF-8, TOML syntax), or "" when it is one.
std::string not_toml(const pdf::ReadAttachment& a) {
  if (a.mime != "application/toml") return "类型为 " + (a.mime.empty() ? std::string("（未注明）") : a.mime) + "，不是 application/toml";
  if (!decode_utf8(a.bytes)) return "不是 UTF-8 文本";
  try {
    (void)toml::parse(a.bytes);
  } catch (const toml::parse_error&) {
    return "不是有效的 TOML";
  }
  return "";
}

}  // namespace

AttachedSource attached_source(const pdf::ReadPdf& pdf) {
  using Fault = AttachedSource::Fault;
  const pdf::ReadAttachment* a = attachment(pdf, "Source", ".toml");
  if (!a)
    return {nullptr, Fault::Absent,
            pdf.attachments.empty() ? "此 PDF 没有附带输入文件"
                                    : "此 PDF 的附件中没有输入文件（AFRelationship 为 Source、名称以 .toml 结尾）"};
  if (!a->problem.empty()) return {nullptr, Fault::Unreadable, "附件 " + a->name + " 无法读取：" + a->problem};
  if (const std::string why = not_toml(*a); !why.empty())
    return {nullptr, Fault::NotInput, "附件 " + a->name + " 不是 nianbao 的输入文件（" + why + "）"};
  return {a, Fault::None, ""};
}

namespace {

// The attachment's name as a plain file name in the output folder: its last
// path component, never "." or "..", with `suffix` (the name PDF gave is data
// from the file, not a path to follow).
std::string safe_name(const std::string& name, const std::string& suffix) {
  std::string n = name.substr(name.find_last_of("/\\") == std::string::npos ? 0 : name.find_last_of("/\\") + 1);
  for (char& c : n)
    if (static_cast<unsigned char>(c) < 0x20) c = '_';
  if (n.size() > limits::kFileNameBytes) n.resize(limits::kFileNameBytes);
  if (n.empty() || n == "." || n == ".." || n[0] == '.') n = "report" + suffix;
  if (n.size() < suffix.size() || n.compare(n.size() - suffix.size(), suffix.size(), suffix) != 0) n += suffix;
  return n;
}

// 0 written (or already there, the same), 1 there with other content, 3 unwritable.
int write_out(const std::string& path, const std::string& bytes, std::string& said) {
  std::error_code ec;
  if (fs::exists(path, ec)) {
    std::ifstream in(path, std::ios::binary);
    std::string old((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in && old == bytes) { said = path + "（已存在，内容相同）"; return 0; }
    said = "文件已存在且内容不同：nianbao extract 不覆盖已有文件，请用 -o 指定另一个文件夹";
    return 1;
  }
  if (auto e = write_atomically(path, bytes)) { said = e->message; return 3; }
  said = path;
  return 0;
}

}  // namespace

int extract_files(const std::string& reader, const std::vector<std::string>& pdfs, const std::string& out_dir, bool json,
                  bool color, std::ostream& err) {
  int code = 0;
  const DiagnosticStyle style{color, false};
  auto fail = [&](const std::string& path, const std::string& message, int c) {
    print_diagnostic({Severity::Error, {}, message, path}, style, err);
    code = std::max(code, c);
  };
  for (const auto& path : pdfs) {
    const pdf::ReadPdf pdf = read_pdf_file(reader, path);
    if (!pdf.error.empty()) { fail(path, pdf.error, 3); continue; }
    const AttachedSource source = attached_source(pdf);
    switch (source.fault) {
      case AttachedSource::Fault::None: break;
      case AttachedSource::Fault::Absent:
        fail(path, source.message + "：它不是用 nianbao build --attach 生成的，请向报送单位索取 TOML 文件或带附件的 PDF", 1);
        continue;
      case AttachedSource::Fault::Unreadable: fail(path, source.message, 3); continue;
      case AttachedSource::Fault::NotInput:
        fail(path, source.message + "：此 PDF 不是 nianbao build --attach 生成的，或已被改动", 1);
        continue;
    }
    std::vector<std::pair<const pdf::ReadAttachment*, std::string>> files{{source.file, ".toml"}};
    if (json) {
      const pdf::ReadAttachment* data = attachment(pdf, "Data", ".json");
      if (!data) { fail(path, "此 PDF 没有附带各表数字（JSON）", 1); continue; }
      files.emplace_back(data, ".json");
    }
    for (const auto& [a, suffix] : files) {
      if (!a->problem.empty()) { fail(path, "附件 " + a->name + " 无法读取：" + a->problem, 3); continue; }
      const std::string out = (fs::path(out_dir) / safe_name(a->name, suffix)).string();
      std::string said;
      const int c = write_out(out, a->bytes, said);
      if (c) fail(c == 1 ? out : path, said, c);
      else err << path << " → " << said << '\n';
    }
  }
  return code;
}

}  // namespace nb::cli
