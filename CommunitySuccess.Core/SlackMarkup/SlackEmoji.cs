using System.Collections.Frozen;

namespace CommunitySuccess.Core.SlackMarkup;

/// <summary>
/// Slack's emoji shortcodes for the common emoji (<c>:tada:</c> → 🎉). Unknown codes, custom workspace emoji
/// among them, stay as written.
/// </summary>
public static class SlackEmoji
{
    private static readonly FrozenDictionary<string, string> Map = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["+1"] = "👍", ["thumbsup"] = "👍", ["-1"] = "👎", ["thumbsdown"] = "👎", ["ok_hand"] = "👌", ["clap"] = "👏",
        ["wave"] = "👋", ["raised_hands"] = "🙌", ["pray"] = "🙏", ["muscle"] = "💪", ["point_right"] = "👉",
        ["point_left"] = "👈", ["point_up"] = "☝️", ["point_down"] = "👇", ["handshake"] = "🤝", ["v"] = "✌️",
        ["crossed_fingers"] = "🤞", ["smile"] = "😄", ["smiley"] = "😃", ["grinning"] = "😀", ["grin"] = "😁",
        ["laughing"] = "😆", ["satisfied"] = "😆", ["joy"] = "😂", ["rofl"] = "🤣", ["sweat_smile"] = "😅",
        ["slightly_smiling_face"] = "🙂", ["upside_down_face"] = "🙃", ["wink"] = "😉", ["blush"] = "😊",
        ["innocent"] = "😇", ["heart_eyes"] = "😍", ["star-struck"] = "🤩", ["kissing_heart"] = "😘",
        ["yum"] = "😋", ["stuck_out_tongue"] = "😛", ["thinking_face"] = "🤔", ["thinking"] = "🤔",
        ["face_with_monocle"] = "🧐", ["nerd_face"] = "🤓", ["sunglasses"] = "😎", ["partying_face"] = "🥳",
        ["neutral_face"] = "😐", ["expressionless"] = "😑", ["no_mouth"] = "😶", ["smirk"] = "😏",
        ["unamused"] = "😒", ["roll_eyes"] = "🙄", ["face_with_rolling_eyes"] = "🙄", ["grimacing"] = "😬",
        ["relieved"] = "😌", ["pensive"] = "😔", ["sleepy"] = "😪", ["sleeping"] = "😴", ["mask"] = "😷",
        ["confused"] = "😕", ["slightly_frowning_face"] = "🙁", ["disappointed"] = "😞", ["worried"] = "😟",
        ["cry"] = "😢", ["sob"] = "😭", ["scream"] = "😱", ["open_mouth"] = "😮", ["astonished"] = "😲",
        ["flushed"] = "😳", ["sweat"] = "😓", ["weary"] = "😩", ["tired_face"] = "😫", ["rage"] = "😡",
        ["angry"] = "😠", ["exploding_head"] = "🤯", ["face_palm"] = "🤦", ["facepalm"] = "🤦",
        ["man-facepalming"] = "🤦‍♂️", ["woman-facepalming"] = "🤦‍♀️", ["shrug"] = "🤷", ["man-shrugging"] = "🤷‍♂️",
        ["woman-shrugging"] = "🤷‍♀️", ["see_no_evil"] = "🙈", ["hugging_face"] = "🤗", ["hugs"] = "🤗",
        ["heart"] = "❤️", ["hearts"] = "♥️", ["blue_heart"] = "💙", ["green_heart"] = "💚", ["purple_heart"] = "💜",
        ["yellow_heart"] = "💛", ["broken_heart"] = "💔", ["sparkling_heart"] = "💖", ["100"] = "💯",
        ["tada"] = "🎉", ["confetti_ball"] = "🎊", ["balloon"] = "🎈", ["gift"] = "🎁", ["trophy"] = "🏆",
        ["medal"] = "🏅", ["sparkles"] = "✨", ["star"] = "⭐", ["star2"] = "🌟", ["zap"] = "⚡", ["fire"] = "🔥",
        ["boom"] = "💥", ["rocket"] = "🚀", ["eyes"] = "👀", ["white_check_mark"] = "✅", ["heavy_check_mark"] = "✔️",
        ["ballot_box_with_check"] = "☑️", ["x"] = "❌", ["negative_squared_cross_mark"] = "❎", ["warning"] = "⚠️",
        ["rotating_light"] = "🚨", ["no_entry"] = "⛔", ["no_entry_sign"] = "🚫", ["stop_sign"] = "🛑",
        ["construction"] = "🚧", ["sos"] = "🆘", ["question"] = "❓", ["grey_question"] = "❔",
        ["exclamation"] = "❗", ["heavy_exclamation_mark"] = "❗", ["bangbang"] = "‼️", ["interrobang"] = "⁉️",
        ["heavy_plus_sign"] = "➕", ["heavy_minus_sign"] = "➖", ["arrow_right"] = "➡️", ["arrow_left"] = "⬅️",
        ["arrow_up"] = "⬆️", ["arrow_down"] = "⬇️", ["arrows_counterclockwise"] = "🔄", ["repeat"] = "🔁",
        ["hourglass"] = "⌛", ["hourglass_flowing_sand"] = "⏳", ["stopwatch"] = "⏱️", ["alarm_clock"] = "⏰",
        ["calendar"] = "📆", ["date"] = "📅", ["spiral_calendar_pad"] = "🗓️", ["memo"] = "📝", ["pencil"] = "📝",
        ["pencil2"] = "✏️", ["clipboard"] = "📋", ["pushpin"] = "📌", ["paperclip"] = "📎", ["link"] = "🔗",
        ["bulb"] = "💡", ["gear"] = "⚙️", ["wrench"] = "🔧", ["hammer"] = "🔨", ["hammer_and_wrench"] = "🛠️",
        ["tools"] = "🛠️", ["lock"] = "🔒", ["unlock"] = "🔓", ["key"] = "🔑", ["mag"] = "🔍", ["mag_right"] = "🔎",
        ["package"] = "📦", ["computer"] = "💻", ["desktop_computer"] = "🖥️", ["keyboard"] = "⌨️",
        ["iphone"] = "📱", ["phone"] = "☎️", ["telephone_receiver"] = "📞", ["email"] = "📧", ["envelope"] = "✉️",
        ["inbox_tray"] = "📥", ["outbox_tray"] = "📤", ["speech_balloon"] = "💬", ["thought_balloon"] = "💭",
        ["loudspeaker"] = "📢", ["mega"] = "📣", ["bell"] = "🔔", ["books"] = "📚", ["book"] = "📖",
        ["bookmark"] = "🔖", ["chart_with_upwards_trend"] = "📈", ["chart_with_downwards_trend"] = "📉",
        ["bar_chart"] = "📊", ["file_folder"] = "📁", ["open_file_folder"] = "📂", ["page_facing_up"] = "📄",
        ["bug"] = "🐛", ["beetle"] = "🪲", ["ghost"] = "👻", ["robot_face"] = "🤖", ["skull"] = "💀",
        ["coffee"] = "☕", ["beer"] = "🍺", ["beers"] = "🍻", ["pizza"] = "🍕", ["cake"] = "🍰",
        ["sunny"] = "☀️", ["cloud"] = "☁️", ["umbrella"] = "☔", ["snowflake"] = "❄️", ["rainbow"] = "🌈",
        ["earth_americas"] = "🌎", ["earth_africa"] = "🌍", ["earth_asia"] = "🌏", ["globe_with_meridians"] = "🌐",
        ["seedling"] = "🌱", ["herb"] = "🌿", ["four_leaf_clover"] = "🍀", ["cactus"] = "🌵", ["rose"] = "🌹",
        ["dog"] = "🐶", ["cat"] = "🐱", ["unicorn_face"] = "🦄", ["turtle"] = "🐢", ["snail"] = "🐌",
        ["green_circle"] = "🟢", ["large_green_circle"] = "🟢", ["red_circle"] = "🔴", ["large_blue_circle"] = "🔵",
        ["blue_circle"] = "🔵", ["yellow_circle"] = "🟡", ["large_yellow_circle"] = "🟡", ["white_circle"] = "⚪",
        ["black_circle"] = "⚫", ["large_orange_circle"] = "🟠", ["new"] = "🆕", ["ok"] = "🆗", ["cool"] = "🆒",
        ["free"] = "🆓", ["up"] = "🆙", ["information_source"] = "ℹ️", ["heavy_dollar_sign"] = "💲",
        ["moneybag"] = "💰", ["chart"] = "💹", ["dart"] = "🎯", ["checkered_flag"] = "🏁", ["triangular_flag_on_post"] = "🚩",
        ["running"] = "🏃", ["walking"] = "🚶", ["man-raising-hand"] = "🙋‍♂️", ["raising_hand"] = "🙋",
        ["woman-raising-hand"] = "🙋‍♀️", ["bow"] = "🙇", ["zzz"] = "💤", ["dash"] = "💨", ["sweat_drops"] = "💦",
        ["party_popper"] = "🎉", ["heavy_heart_exclamation_mark_ornament"] = "❣️", ["sleuth_or_spy"] = "🕵️",
        ["shipit"] = "🐿️", ["squirrel"] = "🐿️", ["thumbs_up"] = "👍", ["thumbs_down"] = "👎",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The emoji for a shortcode without colons (<c>tada</c>), or null when it is not a common one.</summary>
    public static string? Find(string shortcode)
    {
        ArgumentNullException.ThrowIfNull(shortcode);
        // Skin tones (":+1::skin-tone-3:") arrive as a separate code; the base emoji is what matters here.
        return Map.TryGetValue(shortcode, out var emoji) ? emoji : null;
    }

    /// <summary>How many shortcodes are known.</summary>
    public static int Count => Map.Count;
}
