/**
 * Brand and product words that the name and street detectors must never take for a person or a
 * street ("this is Dyson", "for Apple", "John Lewis"); multi-word brands are phrases, so
 * "John Lewis" is kept whole while a customer called John is still a name: appliance, electronics and retail brands a help
 * desk hears. The knowledge base's own entities and the owner's allow-list are added at run time.
 */
export const BRANDS: readonly string[] = (
  'apple samsung sony lg panasonic philips bosch siemens miele dyson hoover vax shark beko hotpoint indesit whirlpool ' +
  'zanussi aeg electrolux smeg neff kenwood delonghi breville tefal ninja nespresso john-lewis russell-hobbs morphy-richards ' +
  'google pixel amazon alexa echo kindle microsoft xbox surface nintendo playstation lenovo dell hp asus acer msi ' +
  'huawei xiaomi oppo motorola nokia oneplus garmin fitbit bose sennheiser jbl beats sonos roku ' +
  'toshiba hisense tcl sharp canon nikon fujifilm gopro logitech razer corsair epson brother kodak polaroid ' +
  'ikea argos currys tesco sainsbury asda boots paypal klarna visa mastercard amex stripe ' +
  'netflix spotify disney hulu whatsapp facebook instagram tiktok youtube gmail outlook hotmail yahoo ' +
  'iphone ipad macbook imac airpods galaxy chromebook thinkpad'
).split(' ').map((b) => b.replace(/-/g, ' '));
