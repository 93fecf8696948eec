// Small browser helpers the Blazor components call through JS interop.
window.communitySuccess = {
    getDarkMode: () => localStorage.getItem("cs-dark-mode") === "true",
    setDarkMode: (value) => localStorage.setItem("cs-dark-mode", value ? "true" : "false"),
};
