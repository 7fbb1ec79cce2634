#pragma once

// temp_dir: a unique, empty directory for one test. Created under $TMPDIR
// (or /tmp when unset) with mkdtemp; removed recursively in the destructor.

#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <system_error>
#include <vector>

namespace kb::test {

class temp_dir {
public:
    temp_dir() {
        const char* env = std::getenv("TMPDIR");
        std::filesystem::path base = (env != nullptr && *env != '\0') ? env : "/tmp";
        std::string pattern = (base / "kb_test_XXXXXX").string();
        std::vector<char> buf(pattern.begin(), pattern.end());
        buf.push_back('\0');
        if (::mkdtemp(buf.data()) == nullptr) {
            throw std::system_error(errno, std::generic_category(),
                                    "mkdtemp failed for " + pattern);
        }
        path_ = buf.data();
    }

    ~temp_dir() {
        std::error_code ec;  // never throw from a destructor
        std::filesystem::remove_all(path_, ec);
    }

    temp_dir(const temp_dir&) = delete;
    temp_dir& operator=(const temp_dir&) = delete;

    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

}  // namespace kb::test
