"""Deploy helper: child processes and terminal prompts inside coroutines."""
import asyncio
import os
import subprocess
from subprocess import check_output as capture


async def current_revision(repo):
    rev = capture(["git", "-C", repo, "rev-parse", "HEAD"], text=True).strip()  # expect: AIO103
    await asyncio.sleep(0)
    return rev


async def deploy(repo, host):
    answer = input(f"deploy {repo} to {host}? [y/N] ")  # expect: AIO105
    if answer.strip().lower() != "y":
        return False
    subprocess.run(["rsync", "-a", repo, f"{host}:/srv/app"], check=True)  # expect: AIO103
    os.system(f"ssh {host} systemctl restart app")  # expect: AIO103
    tail = os.popen(f"ssh {host} journalctl -u app -n 20").read()  # expect: AIO103
    proc = subprocess.Popen(["notify-send", "deployed"])  # expect: AIO103
    os.waitpid(proc.pid, 0)  # expect: AIO103
    await asyncio.sleep(0)
    return tail


async def deploy_properly(repo, host):
    proc = await asyncio.create_subprocess_exec(
        "rsync", "-a", repo, f"{host}:/srv/app",
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )
    out, err = await proc.communicate()
    if proc.returncode != 0:
        raise RuntimeError(f"rsync failed: {err.decode(errors='replace')}")
    rev = await asyncio.to_thread(subprocess.check_output, ["git", "-C", repo, "rev-parse", "HEAD"], text=True)
    return out, rev.strip()


async def confirm_rollback(host):
    await asyncio.sleep(0)
    return input(f"roll back {host}? [y/N] ").strip().lower() == "y"  # expect: AIO105


def confirm(prompt):
    """Asked before asyncio.run starts, so the blocking prompt is harmless."""
    return input(prompt).strip().lower() == "y"


if __name__ == "__main__":
    if confirm("deploy ./build to staging? [y/N] "):
        asyncio.run(deploy_properly("./build", "staging"))
