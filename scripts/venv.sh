# Sourced by the scripts that need a Python tool from PyPI: `python_tool NAME VERSION`
# makes ${KOMMUNE_CACHE:-$HOME/.cache/kommune}/NAME-venv hold exactly that version
# (installing python3-venv from the system's packages if needed) and prints its python.
python_tool() {
  local name="$1" version="$2"
  local venv="${KOMMUNE_CACHE:-$HOME/.cache/kommune}/$name-venv"
  local installed
  installed=$("$venv/bin/python" -c "import importlib.metadata as m; print(m.version('$name'))" 2>/dev/null || true)
  if [ "$installed" != "$version" ]; then
    # A venv whose interpreter no longer runs (the Python it was made from is gone) is remade.
    if ! "$venv/bin/python" -c 'import sys' >/dev/null 2>&1; then
      rm -rf "$venv"
      mkdir -p "$(dirname "$venv")"
      if ! python3 -m venv "$venv" >/dev/null 2>&1; then
        echo "installing python3-venv from the system's packages" >&2
        local sudo=""
        [ "$(id -u)" -eq 0 ] || sudo="sudo"
        $sudo apt-get update -qq >&2
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq python3 python3-venv >&2
        rm -rf "$venv"
        python3 -m venv "$venv"
      fi
    fi
    echo "installing $name $version into $venv" >&2
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "$name==$version" >&2
  fi
  echo "$venv/bin/python"
}
