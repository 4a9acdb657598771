// The /me page: reads the signed-in account's own data from /me/data and shows it as text only.
const status = document.getElementById("status");

function row(term, value) {
  const dt = document.createElement("dt");
  dt.textContent = term;
  const dd = document.createElement("dd");
  dd.textContent = String(value);
  document.getElementById("summary").append(dt, dd);
}

function cell(tr, value) {
  const td = document.createElement("td");
  td.textContent = String(value);
  tr.append(td);
}

async function load() {
  const response = await fetch("/me/data", { credentials: "same-origin", cache: "no-store" });
  if (!response.ok) {
    status.textContent = response.status === 401 ? "Signed out: ask for a new link with web-login." : "The coordinator did not answer (" + response.status + ").";
    return;
  }

  const data = await response.json();
  status.textContent = data.role === "gamer" ? "Gamer" : "Helper";
  row("Account", data.account);
  row("Credits", data.credits);
  if (data.role === "gamer") {
    const rows = document.getElementById("session-rows");
    for (const session of data.sessions) {
      const tr = document.createElement("tr");
      cell(tr, session.id);
      cell(tr, session.active ? "active" : "ended");
      cell(tr, session.tick);
      cell(tr, session.node);
      rows.append(tr);
    }
    document.getElementById("sessions").hidden = false;
  } else {
    row("Helper", data.name);
    row("Validated tasks", data.validated);
    row("Rejected tasks", data.rejected);
  }
}

load().catch(error => { status.textContent = "Could not load: " + error; });
