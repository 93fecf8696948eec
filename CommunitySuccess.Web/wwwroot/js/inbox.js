// Inbox keyboard: j / k move, Enter opens, r focuses the reply, e closes, Esc closes the pane, ? lists the keys.
// Keys typed into a field, or while a dialog is open, are left alone.
const handled = new Set(["j", "k", "Enter", "r", "e", "?", "Escape"]);
let listener = null;

function isTyping(target) {
    if (!(target instanceof Element)) {
        return false;
    }

    return target.closest("input, textarea, select, [contenteditable=''], [contenteditable='true']") !== null;
}

export function start(dotNetRef) {
    stop();
    listener = (event) => {
        if (event.ctrlKey || event.metaKey || event.altKey || !handled.has(event.key)) {
            return;
        }

        if (isTyping(event.target) || document.querySelector(".mud-dialog-container") !== null) {
            return;
        }

        // Enter on a focused button or link belongs to that button or link.
        if (event.key === "Enter" && event.target instanceof Element && event.target.closest("button, a, [role='button']") !== null) {
            return;
        }

        event.preventDefault();
        dotNetRef.invokeMethodAsync("OnInboxKey", event.key);
    };
    document.addEventListener("keydown", listener);
}

export function stop() {
    if (listener !== null) {
        document.removeEventListener("keydown", listener);
        listener = null;
    }
}

export function focusReply() {
    const field = document.querySelector("#inbox-reply");
    if (field !== null) {
        field.focus();
        field.scrollIntoView({ block: "nearest" });
    }
}

export function revealCursor() {
    document.querySelector(".inbox-row-cursor")?.scrollIntoView({ block: "nearest" });
}

export function scrollToEnd(element) {
    if (element instanceof Element) {
        element.scrollTop = element.scrollHeight;
    }
}
